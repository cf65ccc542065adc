package orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/** Section 4: each function jar, our own code beside its dependencies. */
final class PackageSection {

    private PackageSection() {
    }

    static void write(Report report, List<ColdStartSection.Spec> specs) throws IOException {
        report.heading("4. Package size per function");
        report.line("Compressed sizes inside each shaded jar: our classes (orderflow.*) vs everything they depend on.")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (ColdStartSection.Spec s : specs) {
            Map<String, Long> groups = new TreeMap<>();
            long own = 0;
            long deps = 0;
            int classes = 0;
            try (JarFile jar = new JarFile(s.jar().toFile())) {
                for (JarEntry e : jar.stream().toList()) {
                    if (e.isDirectory()) {
                        continue;
                    }
                    long size = Math.max(0, e.getCompressedSize());
                    classes += e.getName().endsWith(".class") ? 1 : 0;
                    if (e.getName().startsWith("orderflow/") || e.getName().startsWith("emails/")
                            || e.getName().startsWith("priming/") || e.getName().startsWith("web/")) {
                        own += size;
                    } else {
                        deps += size;
                        groups.merge(group(e.getName()), size, Long::sum);
                    }
                }
            }
            String largest = groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(5).map(e -> e.getKey() + " " + kib(e.getValue())).collect(Collectors.joining(", "));
            rows.add(List.of(s.id(), kib(Files.size(s.jar())), kib(own), kib(deps), Integer.toString(classes), largest));
            raw.put(s.id(), Map.of("jarBytes", Files.size(s.jar()), "ownCompressed", own, "depsCompressed", deps,
                    "groups", groups));
        }
        report.table(List.of("function", "jar", "our code", "dependencies", "classes", "largest dependencies"), rows);
        report.raw("packageSize", raw);
    }

    private static String group(String entry) {
        String[] p = entry.split("/");
        if (entry.startsWith("software/amazon/awssdk/services/")) {
            return "sdk " + p[4];
        }
        if (entry.startsWith("software/amazon/awssdk/")) {
            return "sdk core";
        }
        if (entry.startsWith("com/amazonaws/services/lambda/runtime/events")) {
            return "lambda-events";
        }
        if (entry.startsWith("com/amazonaws/")) {
            return "lambda-core";
        }
        if (entry.startsWith("com/fasterxml/jackson/jr")) {
            return "jackson-jr";
        }
        if (entry.startsWith("com/fasterxml/jackson/core")) {
            return "jackson-core";
        }
        if (entry.startsWith("META-INF/")) {
            return "META-INF";
        }
        return p.length > 2 ? p[0] + "/" + p[1] : p[0];
    }

    static String kib(long bytes) {
        return bytes >= 1024 * 1024 ? String.format("%.1f MiB", bytes / 1048576.0) : String.format("%.0f KiB", bytes / 1024.0);
    }
}
