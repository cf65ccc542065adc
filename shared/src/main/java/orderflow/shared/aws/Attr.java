package orderflow.shared.aws;

import java.time.Instant;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** AttributeValue shorthands; the adapters map items by hand (no reflection at cold start). */
final class Attr {

    private Attr() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String s = str(item, name);
        return s == null ? null : Instant.parse(s);
    }

    /** The string members of a map attribute (settings, secrets); empty when absent. */
    static java.util.Map<String, String> strings(AttributeValue map) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (map != null && map.hasM()) {
            map.m().forEach((k, v) -> {
                if (v.s() != null) {
                    out.put(k, v.s());
                }
            });
        }
        return out;
    }
}
