package orderflow.shared.domain.storefront;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Money;
import orderflow.shared.json.Json;

/** Platform payloads from src/test/resources/storefront, read the way production reads them. */
final class StorefrontFixtures {

    private StorefrontFixtures() {
    }

    /** A fresh, mutable copy each call. */
    static Map<String, Object> load(String name) {
        return Json.parseObject(text(name));
    }

    static String text(String name) {
        try (InputStream in = StorefrontFixtures.class.getResourceAsStream("/storefront/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource storefront/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    static Map<String, Object> at(Object list, int index) {
        return obj(list(list).get(index));
    }

    static Money usd(String amount) {
        return Money.parse(amount, "USD");
    }

    /** The fields the order is held on, in the order the reader named them. */
    static List<String> holdFields(IncomingOrder order) {
        return order.intake().holds().stream().map(FieldError::field).toList();
    }

    /** What the hold on field says to do; fails when there is no hold on it. */
    static String hold(IncomingOrder order, String field) {
        return message(order.intake().holds(), field);
    }

    static boolean anyNoteContains(IncomingOrder order, String text) {
        return order.intake().notes().stream().anyMatch(n -> n.contains(text));
    }

    static String message(List<FieldError> errors, String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst()
                .orElseThrow(() -> new AssertionError("nothing on " + field + " in " + errors));
    }
}
