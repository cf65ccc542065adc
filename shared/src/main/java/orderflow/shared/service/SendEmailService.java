package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;

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

    public SendEmailService(SendLog log, EmailSender sender, EmailTemplates templates, String fromAddress,
                            Clock clock) {
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
            return Outcome.REJECTED;
        } catch (RuntimeException e) {
            log.release(message.eventId()); // SES did not take it: the next delivery may try at once
            throw e;
        }
    }
}
