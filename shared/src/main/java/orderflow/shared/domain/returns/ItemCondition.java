package orderflow.shared.domain.returns;

/** The state a returned unit arrives in: SELLABLE goes back to stock, DAMAGED does not. */
public enum ItemCondition {
    SELLABLE, DAMAGED
}
