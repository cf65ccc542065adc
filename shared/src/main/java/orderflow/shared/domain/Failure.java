package orderflow.shared.domain;

import java.util.List;

/**
 * Expected failures of domain operations. The API layer maps each kind to an RFC 9457 problem;
 * anything else is a bug or an outage and is retried or answered 500.
 */
public abstract sealed class Failure extends RuntimeException
        permits Failure.InvalidInput, Failure.NotFound, Failure.Unauthenticated, Failure.TooLarge {

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
}
