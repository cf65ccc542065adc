package orderflow.shared.ports;

import orderflow.shared.email.EmailMessage;

/** Queues a customer email for the sender function. */
public interface EmailOutbox {

    /**
     * Queues it, unless it has nobody to go to: a buyer who gave no email (a phone-only or POS
     * checkout, an Amazon order without the buyer's PII) gets nothing, and the order goes on.
     */
    default void enqueue(EmailMessage message) {
        if (message.toAddress() != null && !message.toAddress().isBlank()) {
            queue(message);
        }
    }

    void queue(EmailMessage message);
}
