package orderflow.shared.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/** An amount in integer minor units of an ISO 4217 currency; the only money type in the code base. */
public record Money(long minor, String currency) {

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
        BigDecimal value;
        try {
            value = new BigDecimal(decimal.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a decimal number such as \"19.99\"");
        }
        if (value.scale() > digits && value.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(
                    "has more than " + digits + " decimal places for " + currency);
        }
        BigDecimal minor = value.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY);
        if (minor.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
            throw new IllegalArgumentException("is too large");
        }
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
