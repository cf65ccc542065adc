package orderflow.shared.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A query's position (LastEvaluatedKey) as plain strings for an opaque API cursor, and back. */
final class Cursors {

    private Cursors() {
    }

    static Map<String, AttributeValue> toKey(Map<String, String> position) {
        Map<String, AttributeValue> key = new HashMap<>();
        position.forEach((k, v) -> key.put(k, Attr.s(v)));
        return key;
    }

    static Map<String, String> fromKey(Map<String, AttributeValue> key) {
        Map<String, String> position = new TreeMap<>();
        key.forEach((k, v) -> position.put(k, v.s()));
        return position;
    }
}
