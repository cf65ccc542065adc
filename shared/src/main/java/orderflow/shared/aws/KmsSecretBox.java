package orderflow.shared.aws;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import orderflow.shared.ports.SecretBox;
import orderflow.shared.security.Envelope;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Envelope encryption with the stack's KMS key: each secret gets its own AES-256 data key
 * (GenerateDataKey, operator only) with the encryption context {sellerId, item}; a function opens
 * it with kms:Decrypt under the same context. Opened data keys are kept per execution environment
 * for {@link #TTL} (at most {@link #MAX_KEYS}), so a storefront's webhooks cost one Decrypt per
 * environment per TTL, not one per delivery (KMS: $0.03 per 10,000 requests).
 */
public final class KmsSecretBox implements SecretBox {

    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_KEYS = 1_000;

    private final KmsClient kms;
    private final String keyId;
    private final Clock clock;
    private final Map<String, OpenedKey> opened = new ConcurrentHashMap<>();

    private record OpenedKey(byte[] key, Instant expires) {
    }

    /** keyId: the key to seal with (operator); null for a box that only opens (functions). */
    public KmsSecretBox(KmsClient kms, String keyId, Clock clock) {
        this.kms = kms;
        this.keyId = keyId;
        this.clock = clock;
    }

    @Override
    public String seal(String plaintext, Map<String, String> context) {
        if (keyId == null) {
            throw new IllegalStateException("no KMS key to seal with (the operator seals, functions only open)");
        }
        GenerateDataKeyResponse key = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(context));
        // A fresh generator per seal (operator only): no random state lives in a function or a snapshot.
        return Envelope.seal(key.plaintext().asByteArray(), key.ciphertextBlob().asByteArray(), plaintext, context,
                new SecureRandom());
    }

    @Override
    public String open(String stored, Map<String, String> context) {
        if (!SecretBox.isSealed(stored)) {
            return stored;
        }
        try {
            Envelope.Parts parts = Envelope.parse(stored);
            return Envelope.open(dataKey(parts.encryptedKey(), context), parts, context);
        } catch (IllegalArgumentException | InvalidCiphertextException e) {
            throw new Unopenable("a sealed secret does not open for " + context.get("item") + ": " + e.getMessage());
        }
    }

    private byte[] dataKey(byte[] encryptedKey, Map<String, String> context) {
        String cacheKey = Base64.getEncoder().encodeToString(encryptedKey) + new TreeMap<>(context);
        Instant now = clock.instant();
        OpenedKey cached = opened.get(cacheKey);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.key();
        }
        byte[] key = kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(encryptedKey))
                .encryptionContext(context)).plaintext().asByteArray();
        if (opened.size() >= MAX_KEYS) {
            opened.clear(); // bounded: a flood of storefronts costs Decrypt calls, never memory
        }
        opened.put(cacheKey, new OpenedKey(key, now.plus(TTL)));
        return key;
    }
}
