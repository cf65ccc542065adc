package orderflow.shared.ports;

import orderflow.shared.email.EmailMessage;

/** Queues a customer email for the sender function. */
public interface EmailOutbox {

    void enqueue(EmailMessage message);
}
