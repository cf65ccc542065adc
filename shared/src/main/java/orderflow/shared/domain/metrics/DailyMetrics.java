package orderflow.shared.domain.metrics;

import java.time.LocalDate;

/**
 * One day of the chart, each rate over what that metric counts on that day: orders due to ship
 * (ship-by that day), paid orders placed that day, packages promised for delivery that day.
 */
public record DailyMetrics(LocalDate day, Rate lateShipment, Rate cancel, Rate validTracking) {
}
