package orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Which PDF library the printing functions carry: for each, in a fresh JVM with the functions'
 * flags (C1 only), the time to the first packing slip (class loading included), then 100 slips as
 * one PDF, the classes loaded and the compressed bytes its packages add to a shaded jar.
 */
final class DocumentsSection {

    /** The template's JAVA_TOOL_OPTIONS for every function. */
    private static final List<String> FUNCTION_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    private static final Map<String, List<String>> PACKAGES = Map.of(
            "pdfbox", List.of("org/apache/pdfbox/", "org/apache/fontbox/", "org/apache/commons/logging/"),
            "openpdf", List.of("com/lowagie/"),
            "shipped", List.of("org/apache/pdfbox/", "org/apache/fontbox/", "org/apache/commons/logging/"));
    private static final List<String> BARCODES = List.of("com/google/zxing/");

    record Run(double wallMs, double firstMs, double hundredMs, long firstBytes, long hundredBytes) {
    }

    private DocumentsSection() {
    }

    static void run(Report report, Path benchJar, Path work, int runs) throws Exception {
        List<String> probes = List.of("none", "pdfbox", "pdfbox-nomapper", "openpdf", "shipped");
        Map<String, List<Run>> samples = new LinkedHashMap<>();
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (String probe : probes) {
            samples.put(probe, new ArrayList<>());
            classes.put(probe, classesLoaded(benchJar, work, probe));
        }
        for (int i = 0; i < runs; i++) { // interleaved, so a busy moment of the machine hits every library alike
            for (String probe : probes) {
                samples.get(probe).add(once(benchJar, work, probe, List.of()));
            }
        }
        double floor = median(samples.get("none").stream().map(Run::wallMs).toList());
        report.heading("Time to first PDF and to 100 slips, per library (fresh JVM each run)");
        report.line("Each run is a new JVM with the functions' flags (" + String.join(" ", FUNCTION_FLAGS) + "), an")
                .line("empty PDFBox font cache (`-Dpdfbox.fontcache` in a fresh directory: a Lambda cold start has")
                .line("none) and the bench jar on the class path. **first PDF** = from main() to the bytes of one")
                .line("packing slip with 2 Code 128 barcodes, class loading included; **100 slips** = then 100 such")
                .line("slips as one PDF; **process** = JVM start to exit, **over JVM** = that minus an empty main")
                .line("(" + Stats.ms(floor) + " ms). Medians of " + runs + " runs (min-max). `shipped` is our real")
                .line("writer (PdfDocuments on PDFBox: page flow, safe text, quiet zones), not a bare library call;")
                .line("`pdfbox-nomapper` is `pdfbox` with PDFBox's font mapper (a system font scan and a fallback TTF")
                .line("parse, needed to render pages, not to write them) replaced by one that maps nothing.")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (String probe : probes.subList(1, probes.size())) {
            List<Run> r = samples.get(probe);
            List<Double> wall = r.stream().map(Run::wallMs).toList();
            rows.add(List.of(probe, range(r.stream().map(Run::firstMs).toList()),
                    range(r.stream().map(Run::hundredMs).toList()), range(wall),
                    Stats.ms(median(wall) - floor), Integer.toString(classes.get(probe) - classes.get("none")),
                    kib(r.get(0).firstBytes()) + " / " + kib(r.get(0).hundredBytes())));
            raw.put(probe, r);
        }
        raw.put("none", samples.get("none"));
        report.table(List.of("library", "first PDF ms", "100 slips ms", "process ms", "over JVM ms",
                "classes loaded", "PDF size 1 / 100"), rows);

        report.heading("Jar size added");
        report.line("Compressed bytes of the library's packages inside a shaded jar (what a function carries);")
                .line("the barcode encoder (ZXing core) is the same for both.").blank();
        List<List<String>> sizes = new ArrayList<>();
        Map<String, Long> rawSizes = new LinkedHashMap<>();
        for (String lib : List.of("pdfbox", "openpdf")) {
            long bytes = compressed(benchJar, PACKAGES.get(lib));
            sizes.add(List.of(lib, String.join(" ", PACKAGES.get(lib)), kib(bytes)));
            rawSizes.put(lib, bytes);
        }
        long zxing = compressed(benchJar, BARCODES);
        sizes.add(List.of("zxing core", String.join(" ", BARCODES), kib(zxing)));
        rawSizes.put("zxing", zxing);
        report.table(List.of("library", "packages", "compressed"), sizes);
        report.raw("documents", Map.of("runs", raw, "classesLoaded", classes, "jarBytes", rawSizes));
    }

    /** One fresh JVM: the probe's own timings plus the process's wall time. */
    private static Run once(Path benchJar, Path work, String probe, List<String> extraFlags) throws Exception {
        Path cache = Files.createTempDirectory(work, "fontcache");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(FUNCTION_FLAGS);
        cmd.add("-Dpdfbox.fontcache=" + cache);
        cmd.addAll(extraFlags);
        cmd.addAll(List.of("-cp", benchJar.toString(), PdfProbe.class.getName(), probe));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        deleteTree(cache);
        String last = out.lines().reduce((a, b) -> b).orElse("");
        if (exit != 0 || !last.matches("[0-9. ]+")) {
            throw new IllegalStateException(probe + " probe failed (" + exit + "): " + out);
        }
        String[] f = last.split(" ");
        return new Run(wall, Double.parseDouble(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]));
    }

    private static int classesLoaded(Path benchJar, Path work, String probe) throws Exception {
        Path log = work.resolve("classes-" + probe + ".log");
        once(benchJar, work, probe, List.of("-Xlog:class+load=info:file=" + log));
        try (Stream<String> lines = Files.lines(log)) {
            return (int) lines.count();
        }
    }

    private static long compressed(Path jar, List<String> prefixes) throws IOException {
        long total = 0;
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : j.stream().toList()) {
                if (!e.isDirectory() && prefixes.stream().anyMatch(e.getName()::startsWith)) {
                    total += Math.max(0, e.getCompressedSize());
                }
            }
        }
        return total;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String range(List<Double> values) {
        return Stats.ms(median(values)) + " (" + Stats.ms(values.stream().min(Double::compare).orElseThrow()) + "-"
                + Stats.ms(values.stream().max(Double::compare).orElseThrow()) + ")";
    }

    private static String kib(long bytes) {
        return String.format("%.0f KiB", bytes / 1024.0);
    }
}
