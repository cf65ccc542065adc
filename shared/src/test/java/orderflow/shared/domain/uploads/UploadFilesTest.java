package orderflow.shared.domain.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UploadFilesTest {

    private static FlatFile file(String text) {
        return FlatFile.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_tab_separated_header_makes_the_file_tab_separated_and_names_are_normalised() {
        FlatFile f = file("Order ID\tship_date\tcarrier-code\n123-1234567-1234567\t2026-12-01\tUPS\n");
        assertEquals(List.of("order-id", "ship-date", "carrier-code"), f.header());
        assertEquals(Map.of("order-id", "123-1234567-1234567", "ship-date", "2026-12-01", "carrier-code", "UPS"),
                f.rows().get(0).values());
        assertEquals(2, f.rows().get(0).line());
    }

    @Test
    void quoted_csv_cells_keep_commas_and_line_breaks_and_line_numbers_stay_the_files() {
        FlatFile f = file("\uFEFFsku,quantity,bin\r\n\"MUG, BLUE\",3,\"A\nB\"\r\n\r\nTEE,4,\n");
        assertEquals("MUG, BLUE", f.rows().get(0).get("sku"));
        assertEquals("A\nB", f.rows().get(0).get("bin"));
        assertEquals(2, f.rows().get(0).line());
        assertEquals(5, f.rows().get(1).line(), "the quoted break counts, the blank line is skipped");
        assertEquals(null, f.rows().get(1).get("bin"), "a blank cell is absent");
    }

    @Test
    void an_empty_file_is_refused() {
        assertThrows(UploadRefused.class, () -> file(""));
    }

    @Test
    void missing_shipping_columns_are_all_named() {
        UploadRefused refused = assertThrows(UploadRefused.class,
                () -> ShippingConfirmations.packages(file("order-id,quantity\nA,1\n")));
        assertTrue(refused.getMessage().contains("ship-date, tracking-number, carrier-code (or carrier-name)"),
                refused.getMessage());
    }

    @Test
    void rows_of_one_order_and_tracking_number_are_one_package_and_a_bad_row_refuses_only_its_package() {
        List<ShippingConfirmations.Package> packages = ShippingConfirmations.packages(file(
                "order-id,sku,quantity,ship-date,carrier-code,carrier-name,tracking-number,ship-method\n"
                        + "A,MUG,1,2026-12-01,UPS,,1Z999AA10123456784,Ground\n"
                        + "B,TEE,2,2026-12-01,Other,Hermes,H1,\n"
                        + "A,TEE,1,2026-12-01,UPS,,1z999aa1-0123456784,Ground\n"
                        + "C,TEE,zero,2026-12-01,UPS,,1Z999AA10123456784,\n"
                        + ",TEE,1,2026-12-01,UPS,,X,\n"));
        assertEquals(4, packages.size());
        assertEquals(List.of(2, 4), packages.get(0).items().stream().map(ShippingConfirmations.Item::line).toList());
        assertEquals("Hermes", packages.get(1).carrier(), "Other takes the carrier-name");
        assertEquals(List.of(5), packages.get(2).lines());
        assertTrue(packages.get(2).refused().get(0).reason().startsWith("quantity must be a whole number"));
        assertEquals("order-id is required", packages.get(3).refused().get(0).reason());
    }

    @Test
    void stock_counts_take_on_hand_bin_and_threshold_and_refuse_a_second_count_of_a_sku() {
        List<StockCounts.Count> counts = StockCounts.counts(file(
                "sku\ton-hand\tbin\tlow-stock-threshold\nMUG\t12\tA-1\t3\nTEE\t-1\t\t\nMUG\t4\t\t\n"));
        assertEquals(Map.of("onHand", 12L, "binLocation", "A-1", "lowStockThreshold", 3L), counts.get(0).body());
        assertTrue(counts.get(1).refused().startsWith("on-hand must be a whole number"));
        assertEquals("sku MUG is already counted on line 2", counts.get(2).refused());
    }

    @Test
    void a_stock_file_without_a_quantity_column_is_refused() {
        assertThrows(UploadRefused.class, () -> StockCounts.counts(file("sku,bin\nMUG,A\n")));
    }

    @Test
    void result_cells_are_quoted_and_never_start_a_formula() {
        assertEquals("7,rejected,\"'=HYPERLINK(\"\"x\"\"), bad\",,,SKU\n",
                new RowResult(7, RowResult.Outcome.REJECTED, "=HYPERLINK(\"x\"), bad", null, null, "SKU").csv());
    }
}
