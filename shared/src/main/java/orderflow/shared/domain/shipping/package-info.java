/**
 * Buying shipping and following the parcel, without AWS types: what a carrier is asked for (a
 * {@link orderflow.shared.domain.shipping.RateRequest} of one {@link orderflow.shared.domain.shipping.Parcel}),
 * what it offers ({@link orderflow.shared.domain.shipping.Rate}), what a purchase gives back
 * ({@link orderflow.shared.domain.shipping.PurchasedLabel}) and what its scans say
 * ({@link orderflow.shared.domain.shipping.TrackingEvent}). Weights are grams and lengths millimetres,
 * as integers; adapters convert to each carrier's units.
 */
package orderflow.shared.domain.shipping;
