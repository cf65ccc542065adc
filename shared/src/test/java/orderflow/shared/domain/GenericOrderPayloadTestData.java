package orderflow.shared.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A valid generic order payload: 3 x MUG-BLUE at 12.50 over two lines, USD. */
public final class GenericOrderPayloadTestData {

    private GenericOrderPayloadTestData() {
    }

    public static Map<String, Object> valid() {
        Map<String, Object> json = new HashMap<>();
        json.put("externalOrderId", "1001");
        json.put("paymentStatus", "PAID");
        json.put("currency", "USD");
        json.put("buyer", Map.of("name", "Ada", "email", "ada@example.com"));
        json.put("shipTo", Map.of("name", "Ada", "line1", "1 Way", "city", "Springfield", "postalCode", "62701",
                "country", "US"));
        json.put("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 2, "unitPrice", "12.50"),
                Map.of("sku", "MUG-BLUE", "quantity", 1, "unitPrice", "12.50", "title", "Blue mug")));
        json.put("shippingTotal", "4.99");
        json.put("taxTotal", "1.00");
        return json;
    }
}
