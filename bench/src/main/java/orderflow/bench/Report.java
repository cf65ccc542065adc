package orderflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RESULTS.md being written, plus the raw samples behind every number (RESULTS.raw.json). */
final class Report {

    private final StringBuilder md = new StringBuilder();
    final Map<String, Object> raw = new LinkedHashMap<>();

    Report line(String text) {
        md.append(text).append('\n');
        return this;
    }

    Report blank() {
        return line("");
    }

    Report heading(String text) {
        return blank().line("## " + text).blank();
    }

    Report table(List<String> header, List<List<String>> rows) {
        line("| " + String.join(" | ", header) + " |");
        List<String> rule = new ArrayList<>();
        header.forEach(h -> rule.add("---"));
        line("|" + String.join("|", rule) + "|");
        rows.forEach(r -> line("| " + String.join(" | ", r) + " |"));
        return blank();
    }

    void raw(String key, Object value) {
        raw.put(key, value);
    }

    String markdown() {
        return md.toString();
    }
}
