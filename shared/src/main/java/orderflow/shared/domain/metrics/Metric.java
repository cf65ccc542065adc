package orderflow.shared.domain.metrics;

/**
 * One metric as shown to the seller. name is a stable camelCase id (e.g. lateShipmentRate10d);
 * value is a ratio (0.0241 = 2.41%) or hours, null when the denominator is 0 (status OK: nothing
 * to judge). numerator is null for a median; its denominator is how many values it is the median of.
 */
public record Metric(String name, String label, Double value, Unit unit, String target, double targetValue,
                     Status status, Long numerator, long denominator, int windowDays) {

    public enum Unit { RATIO, HOURS }

    public enum Status { OK, AT_RISK, FAILING }

    static Metric of(String name, String label, Rate rate, Target target, int windowDays) {
        Double value = rate.value();
        return new Metric(name, label, value, Unit.RATIO, target.text(), target.limit(), target.status(value),
                rate.numerator(), rate.denominator(), windowDays);
    }
}
