package orderflow.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB item size as the capacity model counts it (attribute names plus values; numbers about
 * one byte per two significant digits plus one; lists and maps 3 bytes plus 1 per element).
 * The emulator reports a fixed ConsumedCapacity, so units are computed from these sizes.
 */
final class ItemSize {

    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    private static long value(AttributeValue v) {
        return switch (v.type()) {
            case S -> utf8(v.s());
            case N -> number(v.n());
            case B -> v.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> v.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> v.ns().stream().mapToLong(ItemSize::number).sum();
            case L -> 3 + v.l().stream().mapToLong(x -> 1 + value(x)).sum();
            case M -> 3 + v.m().entrySet().stream().mapToLong(x -> utf8(x.getKey()) + 1 + value(x.getValue())).sum();
            default -> 0;
        };
    }

    private static long number(String n) {
        long digits = n.replaceAll("[^0-9]", "").replaceAll("^0+", "").length();
        return (digits + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Write units: 1 per started KB; transactional writes cost twice. */
    static double writeUnits(long size, boolean transactional) {
        return Math.max(1, Math.ceil(size / 1024.0)) * (transactional ? 2 : 1);
    }

    /** Read units: 1 per started 4 KB strongly consistent, half that eventually consistent. */
    static double readUnits(long size, boolean consistent) {
        return Math.max(1, Math.ceil(size / 4096.0)) * (consistent ? 1 : 0.5);
    }
}
