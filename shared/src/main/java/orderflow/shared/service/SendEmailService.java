package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.Races;
import orderflow.shared.ports.Orders;

import orderflow.shared.email.EmailMessage;
import orderflow.shared.email.EmailTemplates;
import orderflow.shared.email.RenderedEmail;
import orderflow.shared.ports.EmailSender;
import orderflow.shared.ports.SendLog;

/**
 * Step 3: send one queued email at most once per event id.
 *
 * <p>Order of work: claim the event (conditional write), send, record it as sent. A crash after
 * the provider accepted the email and before the record is written leaves a claim that expires
 * after {@link #LEASE}; the redelivered message then sends again. A send that fails releases the
 * claim at once. That window (one provider call
 * plus one write, milliseconds) is the only way to get a duplicate, and we prefer it to the
 * opposite choice (record first, send after), which would lose the email instead.
 */
public final class SendEmailService {

    /**
     * Longer than the function timeout (15 s), so a live sender never loses its claim, and shorter
     * than the queue's visibility timeout (90 s), so a crashed sender's claim is gone by the next receive.
     */
    public static final Duration LEASE = Duration.ofSeconds(60);

    public enum Outcome { SENT, DUPLICATE, REJECTED }

    /** Thrown when another sender holds the claim: retry later, the message stays on the queue. */
    public static final class Busy extends RuntimeException {
        public Busy(String eventId) {
            super("event " + eventId + " is being sent by another invocation");
        }
    }

    private final SendLog log;
    private final EmailSender sender;
    private final EmailTemplates templates;
    private final String fromAddress;
    private final Clock clock;
    private final Orders orders;

    /** orders: where a permanent rejection of an order's email is recorded, besides the send log. */
    public SendEmailService(SendLog log, EmailSender sender, EmailTemplates templates, String fromAddress,
                            Orders orders, Clock clock) {
        this.orders = orders;
        this.log = log;
        this.sender = sender;
        this.templates = templates;
        this.fromAddress = fromAddress;
        this.clock = clock;
    }

    public Outcome send(EmailMessage message) {
        RenderedEmail email = templates.render(message, fromAddress); // a bad template fails before any write
        switch (log.claim(message.eventId(), clock.instant(), LEASE)) {
            case ALREADY_SENT, REJECTED:
                return Outcome.DUPLICATE;
            case IN_PROGRESS:
                throw new Busy(message.eventId());
            case CLAIMED:
                break;
        }
        try {
            String providerId = sender.send(email);
            log.markSent(message.eventId(), providerId, clock.instant());
            return Outcome.SENT;
        } catch (EmailSender.PermanentRejection e) {
            log.markRejected(message.eventId(), e.getMessage(), clock.instant());
            recordOnOrder(message, e.getMessage());
            return Outcome.REJECTED;
        } catch (RuntimeException e) {
            log.release(message.eventId()); // SES did not take it: the next delivery may try at once
            throw e;
        }
    }

    /**
     * The seller sees a rejected address in the order's history (it will not be retried): the buyer
     * needs another way to hear from them. Best effort after the send log already says REJECTED.
     */
    private void recordOnOrder(EmailMessage message, String reason) {
        if (message.orderId() == null) {
            return;
        }
        // Gives up silently after 3 lost races: the send log already says REJECTED.
        Races.retry(3, attempt -> {
            Order order = orders.get(message.orderId()).orElse(null);
            if (order == null) {
                return Boolean.TRUE;
            }
            Instant now = clock.instant();
            OrderChange change = OrderChange.of(order, order.withFulfillment(order.fulfillment()), now,
                    Actor.job("send-email"), "email-rejected", "the " + message.template()
                            + " email to the buyer was rejected and will not be retried: " + reason, List.of());
            return orders.apply(change) instanceof Orders.Stale ? null : Boolean.TRUE; // Stale: again
        });
    }
}
