/**
 * Returns and refunds, as pure domain rules (no I/O): the seller's {@link
 * orderflow.shared.domain.returns.ReturnPolicy}, a buyer's return request checked by {@link
 * orderflow.shared.domain.returns.ReturnRules} into a {@link
 * orderflow.shared.domain.returns.ReturnAuthorization} (an RMA), the goods received back checked by
 * {@link orderflow.shared.domain.returns.Receiving}, and the money worked out to the minor unit by
 * {@link orderflow.shared.domain.returns.RefundCalculator}.
 *
 * <p>Bad input is a {@link orderflow.shared.domain.Failure.InvalidInput} naming every field; a
 * well-formed request that a business rule refuses is a {@link
 * orderflow.shared.domain.Failure.Refused} naming the rule (the API answers 422).
 */
package orderflow.shared.domain.returns;
