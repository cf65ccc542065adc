package orderflow.shared.domain.uploads;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A delimited text file with a header row: tab-separated when the header holds a tab (Seller
 * Central's flat files), comma-separated otherwise (RFC 4180 quotes, either line ending). Header
 * names are compared lower case with '_' and ' ' read as '-', so "Order ID" and "order_id" match
 * "order-id". Line numbers are the file's own, the header being line 1.
 */
public final class FlatFile {

    public static final int MAX_ROWS = 20_000;

    /** A data row: its first line in the file and its values by header name (blank cells are absent). */
    public record Row(int line, Map<String, String> values) {
        public String get(String column) {
            return values.get(column);
        }
    }

    private final List<String> header;
    private final List<Row> rows;

    private FlatFile(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Throws {@link UploadRefused} when the file has no header row or too many rows. */
    public static FlatFile parse(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte order mark spreadsheets write
        }
        int firstBreak = text.indexOf('\n');
        String firstLine = firstBreak < 0 ? text : text.substring(0, firstBreak);
        char delimiter = firstLine.indexOf('\t') >= 0 ? '\t' : ',';
        List<Record> records = records(text, delimiter);
        if (records.isEmpty() || records.get(0).cells().stream().allMatch(String::isBlank)) {
            throw new UploadRefused("The file is empty: a header row naming the columns is required.");
        }
        List<String> header = records.get(0).cells().stream().map(FlatFile::column).toList();
        if (records.size() - 1 > MAX_ROWS) {
            throw new UploadRefused("The file has " + (records.size() - 1) + " rows; at most " + MAX_ROWS
                    + " fit in one upload.");
        }
        List<Row> rows = new ArrayList<>();
        for (Record r : records.subList(1, records.size())) {
            if (r.cells().stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(header.size(), r.cells().size()); i++) {
                String v = r.cells().get(i).strip();
                if (!v.isEmpty() && !header.get(i).isEmpty()) {
                    values.putIfAbsent(header.get(i), v);
                }
            }
            rows.add(new Row(r.line(), values));
        }
        return new FlatFile(header, rows);
    }

    static String column(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[_\\s]+", "-");
    }

    private record Record(int line, List<String> cells) {
    }

    private static List<Record> records(String text, char delimiter) {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                records.add(new Record(start, cells));
                cells = new ArrayList<>();
                cell.setLength(0);
                any = false;
                line++;
                start = line;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || !cell.isEmpty()) {
            cells.add(cell.toString());
            records.add(new Record(start, cells));
        }
        return records;
    }
}
