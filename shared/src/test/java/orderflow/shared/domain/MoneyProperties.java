package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Money.parse never rounds: what it accepts is the exact value of the string, what it cannot hold
 * exactly in the currency's minor units it refuses, and whatever the string, the only failure is an
 * IllegalArgumentException (the API turns that into a 400 on the field, never a 500).
 */
class MoneyProperties {

    /** No decimals, two, three: JPY, USD/EUR, KWD/BHD. */
    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("USD", "EUR", "JPY", "KWD", "BHD", "GBP");
    }

    /** Decimal strings as a storefront might send them: sign, 1-12 integer digits, 0-6 decimals, trailing zeros. */
    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> integer = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(6);
        return Combinators.combine(Arbitraries.of("", "", "-", "+"), integer, fraction, Arbitraries.of(true, false))
                .as((sign, i, f, point) -> sign + i + (point || !f.isEmpty() ? "." + f : ""));
    }

    /** Anything a hostile client could put in a price field. */
    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("0123456789.-+eE ,_\u0000\u00a0\u0663x")
                .ofMinLength(0).ofMaxLength(30);
    }

    @Property(tries = 500)
    void parse_is_exact_or_refuses(@ForAll("decimals") String text, @ForAll("currencies") String currency) {
        int digits = Money.fractionDigits(currency);
        BigDecimal exact = new BigDecimal(text);
        boolean representable = exact.stripTrailingZeros().scale() <= digits;
        String unsigned = text.replaceFirst("^[-+]", "");
        boolean inRange = (unsigned.indexOf('.') < 0 ? unsigned.length() : unsigned.indexOf('.')) <= 10;
        try {
            Money m = Money.parse(text, currency);
            assertEquals(0, BigDecimal.valueOf(m.minor(), digits).compareTo(exact),
                    text + " " + currency + " became " + m + ": rounded");
            assertTrue(representable, text + " " + currency + " has more decimals than " + digits + " yet parsed");
        } catch (IllegalArgumentException refused) {
            // Refused only for a reason: too many decimals, too many digits, a sign or form it does not take.
            assertTrue(!representable || !inRange || text.startsWith("+") || text.endsWith("."),
                    text + " " + currency + " is exact in " + digits + " decimals but was refused: "
                            + refused.getMessage());
        }
    }

    @Property(tries = 300)
    void only_illegal_argument_escapes_whatever_the_string(@ForAll("junk") String text,
                                                          @ForAll("currencies") String currency) {
        try {
            Money m = Money.parse(text, currency);
            assertEquals(0, BigDecimal.valueOf(m.minor(), Money.fractionDigits(currency))
                    .compareTo(new BigDecimal(text.trim())), text + " parsed to " + m);
        } catch (IllegalArgumentException expected) {
            // the 400 on the field
        }
    }

    @Property(tries = 300)
    void the_wire_form_parses_back_to_the_same_amount(
            @ForAll @LongRange(min = -9_999_999_999L, max = 9_999_999_999L) long minor,
            @ForAll("currencies") String currency) {
        Money m = new Money(minor, currency);
        assertEquals(m, Money.parse(m.toDecimalString(), currency));
    }

    @Property(tries = 300)
    void one_digit_more_than_the_currency_has_is_refused(
            @ForAll @LongRange(min = 0, max = 99_999_999L) long minor, @ForAll("currencies") String currency,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 9) int extra) {
        String text = new Money(minor, currency).toDecimalString();
        String input = (text.contains(".") ? text : text + ".") + extra; // 12.34 -> 12.347, 500 -> 500.7
        assertThrows(IllegalArgumentException.class, () -> Money.parse(input, currency), input + " " + currency);
    }
}
