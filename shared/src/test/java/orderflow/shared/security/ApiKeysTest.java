package orderflow.shared.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keys_are_random_and_read_from_bearer_or_bare_headers() {
        SecureRandom random = new SecureRandom();
        String key = ApiKeys.newKey(random);
        assertNotEquals(key, ApiKeys.newKey(random));
        assertEquals(key, ApiKeys.fromAuthorizationHeader("Bearer " + key));
        assertEquals(key, ApiKeys.fromAuthorizationHeader("bearer  " + key + " "));
        assertEquals(key, ApiKeys.fromAuthorizationHeader(key));
        assertNull(ApiKeys.fromAuthorizationHeader("Bearer something-else"));
        assertNull(ApiKeys.fromAuthorizationHeader(null));
    }

    @Test
    void hash_is_sha256_hex() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ApiKeys.hash(""));
    }
}
