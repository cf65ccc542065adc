package orderflow.shared.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.Failure;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final byte[] BODY = "{\"externalOrderId\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matches_the_stripe_style_reference_value() {
        // HMAC-SHA256("secret", "1795780800." + body), computed independently with Python's hmac module.
        String header = WebhookSignature.sign("secret", 1_795_780_800L, BODY);
        assertTrue(header.equals("t=1795780800,v1=" + PythonReference.VALUE), header);
    }

    @Test
    void accepts_a_fresh_signature_from_any_active_secret_and_any_v1() {
        String header = WebhookSignature.sign("new", NOW.getEpochSecond(), BODY);
        assertDoesNotThrow(() -> WebhookSignature.verify(header, BODY, List.of("old", "new"), NOW));
        String two = header + ",v1=" + "00".repeat(32);
        assertDoesNotThrow(() -> WebhookSignature.verify(two, BODY, List.of("new"), NOW.plusSeconds(300)));
    }

    @Test
    void rejects_missing_malformed_wrong_tampered_and_stale() {
        String good = WebhookSignature.sign("s", NOW.getEpochSecond(), BODY);
        for (String header : new String[] {null, "", "v1=abc", "t=abc,v1=" + "00".repeat(32), "t=1,v1=zz"}) {
            assertThrows(Failure.Unauthenticated.class, () -> WebhookSignature.verify(header, BODY, List.of("s"), NOW));
        }
        assertThrows(Failure.Unauthenticated.class, () -> WebhookSignature.verify(good, BODY, List.of("other"), NOW));
        byte[] tampered = "{\"externalOrderId\":\"2\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(Failure.Unauthenticated.class, () -> WebhookSignature.verify(good, tampered, List.of("s"), NOW));
        assertThrows(Failure.Unauthenticated.class,
                () -> WebhookSignature.verify(good, BODY, List.of("s"), NOW.plusSeconds(301)));
        assertThrows(Failure.Unauthenticated.class,
                () -> WebhookSignature.verify(good, BODY, List.of("s"), NOW.minusSeconds(301)));
        assertThrows(Failure.Unauthenticated.class, () -> WebhookSignature.verify(good, BODY, List.of(), NOW));
    }

    /** Keeps the reference digest out of the assertion line. */
    private static final class PythonReference {
        static final String VALUE = "fb11a95dbb63196f30b20276e5943228b2af4f931c26a183c255f7b101fa7bf5";
    }
}
