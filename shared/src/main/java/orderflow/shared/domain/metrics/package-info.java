/**
 * Amazon-style seller performance metrics, as pure domain rules (no I/O, no clock): plain facts
 * per order ({@link orderflow.shared.domain.metrics.OrderFacts}) and per buyer message ({@link
 * orderflow.shared.domain.metrics.MessageFacts}) go in, {@link
 * orderflow.shared.domain.metrics.SellerMetrics} answers each metric with its numerator,
 * denominator, target and status, and a daily series for a chart. {@code now} is always a
 * parameter. Definitions, windows and thresholds: docs/metrics.md.
 */
package orderflow.shared.domain.metrics;
