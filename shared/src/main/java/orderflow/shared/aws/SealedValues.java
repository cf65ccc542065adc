package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.ports.SecretBox;

/**
 * Opening the secrets of one AccountsTable item: plain values (written before sealing) as they are;
 * sealed ones opened with the item's context, or left out when there is no box (the function holds
 * no kms:Decrypt) or when they do not open here (copied from another item or seller).
 */
final class SealedValues {

    private SealedValues() {
    }

    static List<String> open(SecretBox box, List<String> stored, Map<String, String> context) {
        List<String> out = new ArrayList<>();
        for (String value : stored) {
            String plain = open(box, value, context);
            if (plain != null) {
                out.add(plain);
            }
        }
        return out;
    }

    static Map<String, String> open(SecretBox box, Map<String, String> stored, Map<String, String> context) {
        Map<String, String> out = new LinkedHashMap<>();
        stored.forEach((name, value) -> {
            String plain = open(box, value, context);
            if (plain != null) {
                out.put(name, plain);
            }
        });
        return out;
    }

    /** The plain value, or null when it is sealed and does not open here. */
    static String open(SecretBox box, String stored, Map<String, String> context) {
        if (stored == null || !SecretBox.isSealed(stored)) {
            return stored;
        }
        if (box == null) {
            return null;
        }
        try {
            return box.open(stored, context);
        } catch (SecretBox.Unopenable e) {
            return null;
        }
    }
}
