package orderflow.shared.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/** An amount in integer minor units of an ISO 4217 currency; the only money type in the code base. */
public record Money(long minor, String currency) {

    private static final Pattern PLAIN = Pattern.compile("-?\\d{1,10}(\\.\\d{1,20})?");

    public Money {
        if (currency == null || currency.length() != 3) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /**
     * Parses a decimal string such as "19.99" exactly; more decimals than the currency has is an
     * error, never a silent rounding.
     */
    public static Money parse(String decimal, String currency) {
        int digits = fractionDigits(currency);
        // Plain decimals only (no exponents): at most 10 digits before the point keeps every order
        // total far inside a long, and a hostile "1E+100000000" never reaches BigDecimal.
        if (!PLAIN.matcher(decimal.trim()).matches()) {
            throw new IllegalArgumentException("must be a decimal number such as \"19.99\", at most 10 digits before the point");
        }
        BigDecimal value = new BigDecimal(decimal.trim());
        if (value.scale() > digits && value.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(
                    "has more than " + digits + " decimal places for " + currency);
        }
        BigDecimal minor = value.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY);
        return new Money(minor.longValueExact(), currency);
    }

    public static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static int fractionDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money times(long quantity) {
        return new Money(Math.multiplyExact(minor, quantity), currency);
    }

    public boolean isNegative() {
        return minor < 0;
    }

    /** "19.99": the decimal form used on the wire. */
    public String toDecimalString() {
        return BigDecimal.valueOf(minor, fractionDigits(currency)).toPlainString();
    }

    /** "$19.99" style, for emails. */
    public String display() {
        return Currency.getInstance(currency).getSymbol(Locale.US) + toDecimalString();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }
}
