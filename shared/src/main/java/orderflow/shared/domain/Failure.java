package orderflow.shared.domain;

import java.util.List;
import java.util.Set;

/**
 * Expected failures of domain operations. The API layer maps each kind to an RFC 9457 problem;
 * anything else is a bug or an outage and is retried or answered 500.
 */
public abstract sealed class Failure extends RuntimeException
        permits Failure.InvalidInput, Failure.NotFound, Failure.Unauthenticated, Failure.TooLarge,
        Failure.Conflict, Failure.IllegalTransition, Failure.Refused, Failure.NotSetUp, Failure.CarrierFailed {

    private Failure(String detail) {
        super(detail, null, false, false);
    }

    /** The request is well-formed HTTP but its content is wrong; names every bad field. */
    public static final class InvalidInput extends Failure {
        private final List<FieldError> errors;

        public InvalidInput(String detail, List<FieldError> errors) {
            super(detail);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    public static final class NotFound extends Failure {
        public NotFound(String detail) {
            super(detail);
        }
    }

    public static final class Unauthenticated extends Failure {
        public Unauthenticated(String detail) {
            super(detail);
        }
    }

    public static final class TooLarge extends Failure {
        public TooLarge(String detail) {
            super(detail);
        }
    }

    /** Someone else changed the order between our read and our write; nothing was written. */
    public static final class Conflict extends Failure {
        public Conflict(String detail) {
            super(detail);
        }
    }

    /** The state machine does not allow this action in the order's current status. */
    public static final class IllegalTransition extends Failure {
        private final OrderStatus status;
        private final Set<SellerAction> allowed;

        public IllegalTransition(String detail, OrderStatus status) {
            super(detail);
            this.status = status;
            this.allowed = status.sellerActions();
        }

        public OrderStatus status() {
            return status;
        }

        public Set<SellerAction> allowed() {
            return allowed;
        }
    }

    /**
     * A well-formed request refused by a business rule (a return or refund rule): the API answers 422
     * with {@link #rule()} and {@link #field()} (a JSON path into the request, such as
     * {@code lines[1].quantity}).
     */
    public static final class Refused extends Failure {
        private final String rule;
        private final String field;

        public Refused(String rule, String field, String message) {
            super(message);
            this.rule = rule;
            this.field = field;
        }

        public String rule() {
            return rule;
        }

        public String field() {
            return field;
        }
    }

    /** Something the seller must set up first (a carrier account, a ship-from address): 409, nothing written. */
    public static final class NotSetUp extends Failure {
        public NotSetUp(String detail) {
            super(detail);
        }
    }

    /**
     * A carrier's API said no or did not answer. refused: the carrier turned the request down (its
     * words in the detail; 422). Otherwise it failed or its answer was lost (502): the same request
     * may be sent again and never buys twice.
     */
    public static final class CarrierFailed extends Failure {
        private final boolean refused;

        public CarrierFailed(boolean refused, String detail) {
            super(detail);
            this.refused = refused;
        }

        public boolean refused() {
            return refused;
        }
    }
}
