package orderflow.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import orderflow.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The sample events under events/ (sam local invoke, docs, tests) stay faithful to what SQS
 * delivers: every record's md5OfBody is the MD5 hex of the UTF-8 bytes of its body.
 */
class EventFixturesTest {

    /** Surefire runs with the module directory (shared/) as working directory; events/ is beside it. */
    private static final Path EVENTS = Path.of("..", "events");

    /** The SQS fixtures known today; a rename or a lost md5OfBody must not make the check vacuous. */
    private static final Set<String> KNOWN_SQS_FIXTURES = Set.of(
            "process-order.json", "send-email.json", "deliver-refund.json", "spapi-order-change.json",
            "sync-channel.json");

    @Test
    void every_sqs_fixture_carries_the_md5_of_its_body() throws IOException {
        assertTrue(Files.isDirectory(EVENTS), "no events directory at " + EVENTS.toAbsolutePath());
        List<String> mismatches = new ArrayList<>();
        Set<String> checkedFiles = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(EVENTS)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            Map<String, Object> event = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            int checked = check(event, "$", file.getFileName().toString(), mismatches);
            if (checked > 0) {
                checkedFiles.add(file.getFileName().toString());
            }
        }
        assertTrue(checkedFiles.containsAll(KNOWN_SQS_FIXTURES),
                "expected md5OfBody records in " + KNOWN_SQS_FIXTURES + ", found them in " + checkedFiles);
        assertEquals(List.of(), mismatches, "records whose md5OfBody is not the MD5 of their body");
    }

    /** Checks every object holding md5OfBody (SQS records); returns how many it checked. */
    private static int check(Object value, String path, String file, List<String> mismatches) {
        int checked = 0;
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("md5OfBody")) {
                checked++;
                Object body = map.get("body");
                Object md5 = map.get("md5OfBody");
                if (!(body instanceof String text)) {
                    mismatches.add(file + " " + path + ": md5OfBody without a string body");
                } else if (!md5(text).equals(md5)) {
                    mismatches.add(file + " " + path + ": md5OfBody " + md5 + ", MD5 of body " + md5(text));
                }
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                checked += check(entry.getValue(), path + "." + entry.getKey(), file, mismatches);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checked += check(list.get(i), path + "[" + i + "]", file, mismatches);
            }
        }
        return checked;
    }

    private static String md5(String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(digest.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
