package orderflow.shared.domain.returns;

/** AUTHORIZED until the goods arrive (RECEIVED) or the return is called off (CANCELED); both are final. */
public enum RmaStatus {
    AUTHORIZED, RECEIVED, CANCELED
}
