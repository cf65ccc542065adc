package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parses_decimal_strings_exactly_into_minor_units() {
        assertEquals(new Money(1999, "USD"), Money.parse("19.99", "USD"));
        assertEquals(new Money(1900, "USD"), Money.parse("19", "USD"));
        assertEquals(new Money(1990, "USD"), Money.parse("19.9", "USD"));
        assertEquals(new Money(1990, "USD"), Money.parse("19.900", "USD")); // trailing zeros are exact
        assertEquals(new Money(500, "JPY"), Money.parse("500", "JPY"));
        assertEquals(new Money(1234, "KWD"), Money.parse("1.234", "KWD"));
    }

    @Test
    void parse_rejects_more_decimals_than_the_currency_has() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse("19.999", "USD"));
        assertTrue(e.getMessage().contains("2 decimal places"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1.5", "JPY"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("abc", "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1e400", "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1E+100000000", "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("12345678901", "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse(" ", "USD"));
    }

    @Test
    void arithmetic_keeps_the_currency_and_refuses_to_mix() {
        Money a = Money.parse("12.50", "USD");
        assertEquals(Money.parse("25.00", "USD"), a.times(2));
        assertEquals(Money.parse("17.49", "USD"), a.plus(Money.parse("4.99", "USD")));
        assertThrows(IllegalArgumentException.class, () -> a.plus(Money.parse("1", "EUR")));
        assertEquals("12.50", a.toDecimalString());
        assertEquals("$12.50", a.display());
    }

    @Test
    void knows_iso_currency_codes() {
        assertTrue(Money.isCurrency("EUR"));
        assertTrue(!Money.isCurrency("usd") && !Money.isCurrency("DOLLARS") && !Money.isCurrency("XYZ"));
    }
}
