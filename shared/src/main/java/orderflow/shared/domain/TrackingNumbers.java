package orderflow.shared.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks carrier tracking numbers offline: normalises the number, tests it against the formats and
 * check digits the carrier uses, and builds the carrier's public tracking URL. Never throws.
 */
public final class TrackingNumbers {

    /** The carriers we know the formats of; anything else is accepted but counts as not valid. */
    public enum Carrier { UPS, USPS, FEDEX, DHL; }

    /**
     * Result: carrier (null when the carrier name is not one we know), the normalised number (upper case,
     * spaces and dashes removed), whether it matches a known format of that carrier including its check
     * digit, and the tracking URL (null for unknown carriers).
     */
    public record Check(Carrier carrier, String number, boolean valid, String trackingUrl) {}

    private static final int MAX_LENGTH = 40;

    private TrackingNumbers() {
    }

    /** carrierName is case-insensitive; accept "UPS", "USPS", "FedEx"/"FEDEX", "DHL" (and "DHL Express"). */
    public static Check check(String carrierName, String trackingNumber) {
        Carrier carrier = carrier(carrierName);
        String number = trackingNumber == null ? null
                : trackingNumber.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        boolean usable = number != null && !number.isEmpty() && number.length() <= MAX_LENGTH;
        if (carrier == null || !usable) {
            return new Check(carrier, number, false, null);
        }
        boolean valid = switch (carrier) {
            case UPS -> ups(number);
            case USPS -> usps(number);
            case FEDEX -> fedex(number);
            case DHL -> dhl(number);
        };
        return new Check(carrier, number, valid, url(carrier, number));
    }

    private static Carrier carrier(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)) {
            case "UPS" -> Carrier.UPS;
            case "USPS" -> Carrier.USPS;
            case "FEDEX" -> Carrier.FEDEX;
            case "DHL", "DHL EXPRESS" -> Carrier.DHL;
            default -> null;
        };
    }

    private static String url(Carrier carrier, String number) {
        String n = URLEncoder.encode(number, StandardCharsets.UTF_8);
        return switch (carrier) {
            case UPS -> "https://www.ups.com/track?tracknum=" + n;
            case USPS -> "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + n;
            case FEDEX -> "https://www.fedex.com/fedextrack/?trknbr=" + n;
            case DHL -> "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=" + n;
        };
    }

    // UPS "1Z": 1Z + 6 shipper + 2 service + 7 package digits + check digit. Rule as published for UPS
    // label certification (and in the open jkeen/tracking_number_data set): over characters 3-17, letters
    // become digits A=2, B=3 ... I=0, J=1 ... (the ASCII code minus 3, mod 10); odd positions count once,
    // even positions twice; the check digit brings the sum to a multiple of 10. UPS's sample
    // 1Z999AA10123456784 passes. Mail Innovations and other UPS formats are not accepted.
    private static boolean ups(String n) {
        if (!n.matches("1Z[0-9A-Z]{8}[0-9]{8}")) {
            return false;
        }
        int sum = 0;
        for (int i = 2; i < 17; i++) {
            char c = n.charAt(i);
            int value = c <= '9' ? c - '0' : (c - 3) % 10;
            sum += (i % 2 == 0) ? value : 2 * value; // i = 2 is position 1 of the 15
        }
        return (10 - sum % 10) % 10 == n.charAt(17) - '0';
    }

    // USPS: IMpb (USPS Publication 199) 22 digits starting 91-95, optionally after the "420" + ZIP or
    // ZIP+4 routing prefix; the older 20-digit Package Identification Code (USPS Publication 91), whose
    // check digit is printed both with and without the "91" application identifier it was computed over;
    // and UPU S10 for international items. All use the GS1 mod 10 check except S10.
    private static boolean usps(String n) {
        if (n.matches("420[0-9]{5}9[1-5][0-9]{20}") || n.matches("420[0-9]{9}9[1-5][0-9]{20}")) {
            return mod10(n.substring(n.length() - 22));
        }
        if (n.matches("9[1-5][0-9]{20}")) {
            return mod10(n);
        }
        if (n.matches("[0-9]{20}")) {
            return mod10(n) || mod10("91" + n);
        }
        return s10(n);
    }

    // FedEx (rules from the open jkeen/tracking_number_data set, which carries FedEx label samples):
    // 12-digit Express: weights 1,3,7 repeating from the right over the first 11 digits, sum mod 11,
    // 10 counts as 0. 15-digit Ground: GS1 mod 10. 22-digit Ground "96" barcode: 96 + 2 SCNC + 3 service
    // + the 15-digit Ground number, so the last 15 digits are checked as Ground.
    private static boolean fedex(String n) {
        if (n.matches("[0-9]{12}")) {
            int[] weights = {1, 3, 7};
            int sum = 0;
            for (int i = 0; i < 11; i++) {
                sum += (n.charAt(10 - i) - '0') * weights[i % 3];
            }
            return sum % 11 % 10 == n.charAt(11) - '0';
        }
        if (n.matches("[0-9]{15}")) {
            return mod10(n);
        }
        return n.matches("96[0-9]{20}") && mod10(n.substring(7));
    }

    // DHL Express 10-digit air waybill: the last digit is the first nine, read as a number, mod 7
    // (DHL Express waybill rule, as in jkeen/tracking_number_data). DHL's postal items use UPU S10.
    // JJD licence plates and DHL eCommerce numbers have no documented check digit, so are not valid.
    private static boolean dhl(String n) {
        if (n.matches("[0-9]{10}")) {
            return Long.parseLong(n.substring(0, 9)) % 7 == n.charAt(9) - '0';
        }
        return s10(n);
    }

    // UPU standard S10: 2 letters, 8 digits, check digit, 2-letter country. Weights 8,6,4,2,3,5,9,7;
    // check = 11 - sum mod 11, where 10 becomes 0 and 11 becomes 5.
    private static boolean s10(String n) {
        if (!n.matches("[A-Z]{2}[0-9]{9}[A-Z]{2}")) {
            return false;
        }
        int[] weights = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (n.charAt(2 + i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return check == n.charAt(10) - '0';
    }

    // GS1 mod 10 (as in GTIN/SSCC, used by USPS IMpb and FedEx Ground): excluding the check digit,
    // weights 3 and 1 alternate from the right (rightmost 3); the check digit completes a multiple of 10.
    private static boolean mod10(String digits) {
        int last = digits.length() - 1;
        int sum = 0;
        for (int i = 0; i < last; i++) {
            sum += (digits.charAt(last - 1 - i) - '0') * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10 == digits.charAt(last) - '0';
    }
}
