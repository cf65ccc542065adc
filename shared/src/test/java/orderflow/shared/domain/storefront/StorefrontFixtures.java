package orderflow.shared.domain.storefront;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.function.Executable;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
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

    static List<FieldError> errors(Executable call) {
        return assertThrows(Failure.InvalidInput.class, call).errors();
    }

    static List<String> fields(Executable call) {
        return errors(call).stream().map(FieldError::field).toList();
    }

    static String message(List<FieldError> errors, String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst()
                .orElseThrow(() -> new AssertionError("no error on " + field + " in " + errors));
    }
}
