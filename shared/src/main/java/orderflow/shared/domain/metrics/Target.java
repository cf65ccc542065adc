package orderflow.shared.domain.metrics;

import java.math.BigDecimal;

/**
 * A metric's goal as Amazon states it ({@code text}, e.g. "< 4%"), the limit, which side of it
 * meets the goal, and where AT_RISK starts: the worst quarter of the band that still meets the
 * goal, between the best possible value ({@code best}: 0% or 0 h, or 100%) and the limit.
 */
public record Target(String text, double limit, Goal goal, double atRiskFrom) {

    /** BELOW: value &lt; limit; AT_MOST: value &lt;= limit; ABOVE: value &gt; limit; AT_LEAST: value &gt;= limit. */
    public enum Goal { BELOW, AT_MOST, ABOVE, AT_LEAST }

    /** The share of the allowed band, at its bad end, that is AT_RISK. */
    public static final BigDecimal AT_RISK_SHARE = new BigDecimal("0.25");

    public static Target of(String text, String limit, Goal goal, String best) {
        BigDecimal l = new BigDecimal(limit);
        // Decimal arithmetic, so 3/100 lands exactly on a threshold of 0.03 (4% - a quarter of 4%).
        BigDecimal atRisk = l.add(new BigDecimal(best).subtract(l).multiply(AT_RISK_SHARE));
        return new Target(text, l.doubleValue(), goal, atRisk.doubleValue());
    }

    /** FAILING when the goal is missed, AT_RISK from atRiskFrom on, else OK; nothing counted is OK. */
    public Metric.Status status(Double value) {
        if (value == null) {
            return Metric.Status.OK;
        }
        double v = value;
        boolean lowerIsBetter = goal == Goal.BELOW || goal == Goal.AT_MOST;
        boolean missed = switch (goal) {
            case BELOW -> v >= limit;
            case AT_MOST -> v > limit;
            case ABOVE -> v <= limit;
            case AT_LEAST -> v < limit;
        };
        if (missed) {
            return Metric.Status.FAILING;
        }
        boolean atRisk = lowerIsBetter ? v >= atRiskFrom : v <= atRiskFrom;
        return atRisk ? Metric.Status.AT_RISK : Metric.Status.OK;
    }
}
