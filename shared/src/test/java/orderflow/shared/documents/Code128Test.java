package orderflow.shared.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Set;

import org.junit.jupiter.api.Test;

class Code128Test {

    /** The bars as a scanner sees them: 3 px a module, white quiet zones of 10 modules. */
    private static BufferedImage image(Code128 code) {
        int scale = 3;
        int quiet = 10;
        BufferedImage img = new BufferedImage((code.modules().length + 2 * quiet) * scale, 30,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < img.getWidth(); x++) {
            int module = x / scale - quiet;
            boolean bar = module >= 0 && module < code.modules().length && code.modules()[module];
            for (int y = 0; y < img.getHeight(); y++) {
                img.setRGB(x, y, bar ? 0x000000 : 0xffffff);
            }
        }
        return img;
    }

    @Test
    void plain_code_decodes_to_its_text() {
        Code128 code = Code128.of("ord_0123456789abcdefghjkmnpqrs").orElseThrow();
        assertEquals(Set.of("ord_0123456789abcdefghjkmnpqrs"), PrintedBarcodes.decode(image(code), false));
    }

    @Test
    void text_outside_printable_ascii_or_too_long_gets_no_barcode() {
        assertTrue(Code128.of("TASSE-BLEU-\u00e9").isEmpty());
        assertTrue(Code128.of("LINE\nBREAK").isEmpty());
        assertTrue(Code128.of("X".repeat(81)).isEmpty());
        assertTrue(Code128.of("  ").isEmpty());
        assertTrue(Code128.of(null).isEmpty());
    }

    @Test
    void gs1_sscc_starts_with_fnc1_so_scanners_read_it_as_gs1_128() {
        Code128 sscc = Code128.gs1("(00)106141411234567897");
        assertEquals(Set.of("]C100106141411234567897"), PrintedBarcodes.decode(image(sscc), true));
    }

    @Test
    void gs1_variable_length_fields_are_separated_by_fnc1_and_fixed_ones_are_not() {
        Code128 code = Code128.gs1("(01)09501101530003(10)LOT7(21)SER9");
        assertEquals(Set.of("]C10109501101530003" + "10LOT7\u001d" + "21SER9"),
                PrintedBarcodes.decode(image(code), true));
    }

    @Test
    void gs1_refuses_an_sscc_that_is_not_18_digits_and_text_that_is_no_element_string() {
        assertThrows(IllegalArgumentException.class, () -> Code128.gs1("(00)12345"));
        assertThrows(IllegalArgumentException.class, () -> Code128.gs1("00106141411234567897"));
    }
}
