package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import orderflow.shared.domain.TrackingNumbers.Carrier;
import orderflow.shared.domain.TrackingNumbers.Check;
import org.junit.jupiter.api.Test;

class TrackingNumbersTest {

    private static void assertValid(String carrier, String... numbers) {
        for (String n : numbers) {
            assertTrue(TrackingNumbers.check(carrier, n).valid(), carrier + " should accept " + n);
        }
    }

    private static void assertInvalid(String carrier, String... numbers) {
        for (String n : numbers) {
            assertFalse(TrackingNumbers.check(carrier, n).valid(), carrier + " should reject " + n);
        }
    }

    @Test
    void ups_accepts_1z_numbers_with_correct_check_digit() {
        // UPS's published sample. Over 999AA1012345678 (A=2): odd positions 9+9+2+0+2+4+6+8 = 40,
        // even positions 2*(9+2+1+1+3+5+7) = 56; 96 -> check 4.
        // Own: A1B2C3 03 1234567 (A=2, B=3, C=4): odd 2+3+4+0+1+3+5+7 = 25, even 2*(1+2+3+3+2+4+6) = 42;
        // 67 -> check 3.
        assertValid("UPS", "1Z999AA10123456784", "1ZA1B2C30312345673");
        // Samples from the open jkeen/tracking_number_data set, with letters E=6, W=4 and R=9.
        assertValid("UPS", "1Z410E7W0392751591", "1Z5R89390357567127");
    }

    @Test
    void ups_rejects_wrong_check_digit() {
        assertInvalid("UPS", "1Z999AA10123456785", "1ZA1B2C30312345670", "1Z410E7W0392751592");
    }

    @Test
    void ups_rejects_wrong_length_and_shape() {
        assertInvalid("UPS",
                "1Z999AA1012345678",   // 17 characters
                "1Z999AA101234567840", // 19 characters
                "2Z999AA10123456784",  // not 1Z
                "1Z999AA1012345X784",  // letter in the package digits
                "1Z999AA1012345678X",  // letter as check digit
                "986578788855");       // a FedEx number
    }

    @Test
    void usps_accepts_impb_numbers() {
        // 21 data digits of 9400111201080805483016, weight 3 on odd positions from the left (= rightmost
        // gets 3): 3*(9+0+1+1+0+0+0+0+4+3+1) = 57, plus 4+0+1+2+1+8+8+5+8+0 = 37; 94 -> check 6.
        // Own: 920559012345678901234: 3*(9+0+5+0+2+4+6+8+0+2+4) = 120, plus 2+5+9+1+3+5+7+9+1+3 = 45;
        // 165 -> check 5.
        assertValid("USPS", "9400111201080805483016", "9205590123456789012345");
        // Sample from EasyPost's tracker documentation.
        assertValid("USPS", "9400110898825022579493");
    }

    @Test
    void usps_accepts_impb_behind_420_zip_routing_prefix() {
        // 420 + ZIP 22153 + 9101026837331000039521: 3*(9+0+0+6+3+3+1+0+0+9+2) = 99, plus
        // 1+1+2+8+7+3+0+0+3+5 = 30; 129 -> check 1.
        assertValid("USPS", "420221539101026837331000039521");
        // 420 + ZIP+4 10023 3424 + 9200190132607600833457.
        assertValid("USPS", "4201002334249200190132607600833457");
    }

    @Test
    void usps_accepts_20_digit_numbers_with_or_without_the_implied_91() {
        // 0307179000052348374: 3*(0+0+1+9+0+0+2+4+3+4) = 69, plus 3+7+7+0+0+5+3+8+7 = 40; 109 -> check 1.
        assertValid("USPS", "03071790000523483741");
        // Certified Mail printed without its "91": the check digit covers 91 + the 19 digits.
        assertValid("USPS", "71969010756003077385");
    }

    @Test
    void usps_accepts_upu_s10_numbers() {
        // 47312482 x 8,6,4,2,3,5,9,7 = 32+42+12+2+6+20+72+14 = 200; 200 % 11 = 2 -> 11 - 2 = 9.
        // 12345678 -> 8+12+12+8+15+30+63+56 = 204; 204 % 11 = 6 -> 5.
        assertValid("USPS", "RR473124829GB", "EE123456785US");
        // 47312488 -> 242 = 22 * 11, so 11 -> 5; 47312485 -> 221, 221 % 11 = 1, so 10 -> 0.
        assertValid("USPS", "RR473124885GB", "RR473124850GB");
    }

    @Test
    void usps_rejects_wrong_check_digit() {
        assertInvalid("USPS",
                "9400111201080805483017",
                "9205590123456789012340",
                "420221539101026837331000039522",
                "03071790000523483742",
                "RR473124828GB",
                "RR473124880GB", // 11 must become 5, not 0
                "9400111899223397623910"); // widely copied placeholder; its check digit would be 3
    }

    @Test
    void usps_rejects_wrong_lengths_and_shapes() {
        assertInvalid("USPS",
                "940011120108080548301",           // 21 digits
                "94001112010808054830160",         // 23 digits
                "9000111201080805483016",          // 22 digits without a 91-95 channel prefix
                "42022159101026837331000039521",   // 420 + four-digit ZIP
                "RR47312482GB",                    // S10 one digit short
                "R1473124829GB");                  // S10 with a digit in the service letters
    }

    @Test
    void fedex_accepts_express_ground_and_96_numbers() {
        // Express 98657878885: weights 1,3,7 from the right: 5+24+56+8+21+56+7+15+42+8+27 = 269;
        // 269 % 11 = 5 -> check 5.
        // Own 77123456789: 9+24+49+6+15+28+3+6+7+7+21 = 175; 175 % 11 = 10 -> check 0.
        assertValid("FedEx", "986578788855", "771234567890");
        // Ground 04144176022896: 3*(4+4+1+6+2+8+6) = 93, plus 0+1+4+7+0+2+9 = 23; 116 -> check 4.
        // Own 02001234567890: 3*(2+0+2+4+6+8+0) = 66, plus 0+0+1+3+5+7+9 = 25; 91 -> check 9.
        assertValid("FedEx", "041441760228964", "020012345678909");
        // Ground "96" barcode: last 15 digits 987654312345672: 3*(8+6+4+1+3+5+7) = 102, plus
        // 9+7+5+3+2+4+6 = 36; 138 -> check 2.
        assertValid("FedEx", "9611020987654312345672", "9612804882227378545377");
    }

    @Test
    void fedex_rejects_wrong_check_digit() {
        assertInvalid("FedEx", "986578788856", "771234567891", "041441760228965", "9611020987654312345673");
    }

    @Test
    void fedex_rejects_wrong_lengths_and_shapes() {
        assertInvalid("FedEx",
                "98657878885",              // 11 digits
                "9865787888555",            // 13 digits
                "04144176022896",           // 14 digits
                "0414417602289644",         // 16 digits
                "9511020987654312345672",   // 22 digits not starting 96
                "96110209876543123456720",  // 23 digits
                "98657878885A");            // letter
    }

    @Test
    void dhl_accepts_express_waybills_and_s10() {
        // 331881002 % 7 = 5 (7 * 47411571 = 331880997); 123456789 % 7 = 1 (7 * 17636684 = 123456788).
        assertValid("DHL", "3318810025", "1234567891");
        assertValid("DHL", "RR473124829DE");
    }

    @Test
    void dhl_rejects_wrong_check_digit() {
        assertInvalid("DHL", "3318810026", "1234567890", "RR473124828DE");
    }

    @Test
    void dhl_rejects_wrong_lengths_and_unchecked_formats() {
        assertInvalid("DHL",
                "331881002",             // 9 digits
                "33188100255",           // 11 digits
                "JJD000390007827456789", // licence plate without a documented check digit
                "GM2951173225174494");   // eCommerce number without a check digit
    }

    @Test
    void normalises_case_spaces_and_dashes() {
        Check ups = TrackingNumbers.check("UPS", " 1z 999 aa1-0123-456784 ");
        assertEquals("1Z999AA10123456784", ups.number());
        assertTrue(ups.valid());
        Check usps = TrackingNumbers.check("USPS", "9400 1112 0108 0805 4830 16");
        assertEquals("9400111201080805483016", usps.number());
        assertTrue(usps.valid());
        assertTrue(TrackingNumbers.check("USPS", "rr 473 124 829 gb").valid());
        assertTrue(TrackingNumbers.check("DHL", "33-1881-0025").valid());
    }

    @Test
    void carrier_name_is_case_insensitive() {
        assertEquals(Carrier.UPS, TrackingNumbers.check("ups", "x").carrier());
        assertEquals(Carrier.USPS, TrackingNumbers.check("Usps", "x").carrier());
        assertEquals(Carrier.FEDEX, TrackingNumbers.check("FedEx", "x").carrier());
        assertEquals(Carrier.FEDEX, TrackingNumbers.check("FEDEX", "x").carrier());
        assertEquals(Carrier.DHL, TrackingNumbers.check("dhl", "x").carrier());
        assertEquals(Carrier.DHL, TrackingNumbers.check(" DHL Express ", "x").carrier());
    }

    @Test
    void unknown_carrier_has_no_carrier_no_url_and_is_not_valid() {
        for (String name : new String[] {"OnTrac", "Royal Mail", "", null}) {
            Check c = TrackingNumbers.check(name, "1z999aa10123456784");
            assertNull(c.carrier());
            assertEquals("1Z999AA10123456784", c.number());
            assertFalse(c.valid());
            assertNull(c.trackingUrl());
        }
    }

    @Test
    void rejects_null_blank_and_overlong_input_without_throwing() {
        for (String n : new String[] {null, "", "   ", " - "}) {
            Check c = TrackingNumbers.check("UPS", n);
            assertEquals(Carrier.UPS, c.carrier());
            assertFalse(c.valid());
            assertNull(c.trackingUrl());
        }
        Check tooLong = TrackingNumbers.check("USPS", "4".repeat(41));
        assertFalse(tooLong.valid());
        assertNull(tooLong.trackingUrl());
        assertFalse(TrackingNumbers.check("FedEx", "🙂 not a number &?").valid());
    }

    @Test
    void builds_each_carriers_tracking_url_and_encodes_the_number() {
        assertEquals("https://www.ups.com/track?tracknum=1Z999AA10123456784",
                TrackingNumbers.check("UPS", "1Z999AA10123456784").trackingUrl());
        assertEquals("https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111201080805483016",
                TrackingNumbers.check("USPS", "9400111201080805483016").trackingUrl());
        assertEquals("https://www.fedex.com/fedextrack/?trknbr=986578788855",
                TrackingNumbers.check("FedEx", "986578788855").trackingUrl());
        assertEquals("https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=3318810025",
                TrackingNumbers.check("DHL", "3318810025").trackingUrl());
        // A known carrier keeps its URL even for a number we cannot validate; the number is encoded.
        Check odd = TrackingNumbers.check("UPS", "ab&c/1?x=#");
        assertFalse(odd.valid());
        assertEquals("https://www.ups.com/track?tracknum=AB%26C%2F1%3FX%3D%23", odd.trackingUrl());
    }
}
