package orderflow.shared.ports;

import orderflow.shared.email.RenderedEmail;

public interface EmailSender {

    /** Sends and returns the provider's message id. */
    String send(RenderedEmail email);

    /** The provider refused this message for good (invalid or suppressed address, unverified sender). */
    final class PermanentRejection extends RuntimeException {
        public PermanentRejection(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
