package orderflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalCarriersTest {

    private static final Map<String, String> FAKE = Map.of("LwaEndpoint", "http://127.0.0.1:1/auth/o2/token",
            "LwaClientId", "fake-id", "LwaClientSecretParameter", "/fake/secret");

    @Test
    void login_with_amazon_goes_to_the_shipping_fake_when_no_lwa_parameter_is_given() {
        assertEquals(Map.of("SenderEmail", "a@b.example", "LwaEndpoint", "http://127.0.0.1:1/auth/o2/token",
                "LwaClientId", "fake-id", "LwaClientSecretParameter", "/fake/secret"),
                LocalCarriers.withDefaults(Map.of("SenderEmail", "a@b.example"), FAKE));
    }

    @Test
    void any_lwa_parameter_given_keeps_all_three_as_given() {
        Map<String, String> given = Map.of("LwaEndpoint", "http://127.0.0.1:2/auth/o2/token");
        assertEquals(given, LocalCarriers.withDefaults(given, FAKE));
    }
}
