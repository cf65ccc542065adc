package orderflow.shared.domain.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import org.junit.jupiter.api.Test;

class LabelRequestsTest {

    @Test
    void a_purchase_names_its_quote_and_rate_and_prints_pdf_unless_told() {
        assertEquals(new LabelRequests.BuyAsk("shp_1", "rate_1", LabelFormat.PDF),
                LabelRequests.buy(Map.of("quoteId", "shp_1", "rateId", "rate_1")));
        assertEquals(LabelFormat.ZPL, LabelRequests.buy(Map.of("quoteId", "q", "rateId", "r", "format", "zpl")).format());
    }

    @Test
    void every_bad_field_of_a_purchase_is_named_at_once() {
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class,
                () -> LabelRequests.buy(Map.of("rateId", " ", "format", "PNG")));
        assertEquals(List.of("quoteId", "rateId", "format"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void a_box_needs_all_three_sides_within_limits() {
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> LabelRequests.rates(Map.of(
                "weightGrams", 0, "box", Map.of("lengthMm", 100, "widthMm", 5000))));
        // a side out of range is named alone; the missing one makes the box incomplete
        assertEquals(List.of("weightGrams", "box.widthMm", "box"),
                e.errors().stream().map(FieldError::field).toList());
    }
}
