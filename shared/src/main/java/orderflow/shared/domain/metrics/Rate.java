package orderflow.shared.domain.metrics;

/** numerator of denominator; value is null when nothing was counted (no ratio to show). */
public record Rate(long numerator, long denominator) {

    public static final Rate NONE = new Rate(0, 0);

    public Rate {
        if (numerator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("numerator must be 0 to denominator, was " + numerator + " of " + denominator);
        }
    }

    public Double value() {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
