package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import orderflow.shared.email.EmailMessage;
import orderflow.shared.email.EmailTemplates;
import orderflow.shared.ports.SendLog;
import org.junit.jupiter.api.Test;

class SendEmailServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final InMemory.SendLogFake log = new InMemory.SendLogFake();
    private final InMemory.SenderFake sender = new InMemory.SenderFake();

    private SendEmailService at(Instant now) {
        return new SendEmailService(log, sender, new EmailTemplates(), "orders@shop.example",
                new InMemory.OrdersFake(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static EmailMessage message(String eventId) {
        return new EmailMessage(eventId, "order-confirmed", "ada@example.com", "Ada", "Shop", null, "help@shop.example",
                Map.of("externalOrderId", "1001", "shipBy", "Monday", "lines", List.of(), "total", "$1.00"));
    }

    @Test
    void one_event_sends_one_email_however_often_it_is_delivered() {
        assertEquals(SendEmailService.Outcome.SENT, at(NOW).send(message("e1")));
        assertEquals(SendEmailService.Outcome.DUPLICATE, at(NOW).send(message("e1")));
        assertEquals(SendEmailService.Outcome.DUPLICATE, at(NOW.plusSeconds(3600)).send(message("e1")));
        assertEquals(1, sender.sent.size());
    }

    @Test
    void a_live_claim_makes_a_concurrent_delivery_wait_and_an_expired_one_is_taken_over() {
        log.claim("e2", NOW, SendEmailService.LEASE); // another invocation is sending right now
        assertThrows(SendEmailService.Busy.class, () -> at(NOW.plusSeconds(1)).send(message("e2")));
        // That invocation died (between SES and the record, or before SES): after the lease we send.
        assertEquals(SendEmailService.Outcome.SENT, at(NOW.plus(SendEmailService.LEASE).plusSeconds(1))
                .send(message("e2")));
        assertEquals(1, sender.sent.size());
    }

    @Test
    void a_permanent_rejection_is_recorded_and_never_retried() {
        sender.reject = true;
        assertEquals(SendEmailService.Outcome.REJECTED, at(NOW).send(message("e3")));
        assertEquals(SendLog.Claim.REJECTED, log.claim("e3", NOW.plusSeconds(5), SendEmailService.LEASE));
        sender.reject = false;
        assertEquals(SendEmailService.Outcome.DUPLICATE, at(NOW.plusSeconds(10)).send(message("e3")));
        assertEquals(0, sender.sent.size());
    }

    @Test
    void a_failed_send_releases_its_claim_so_the_retry_sends_at_once() {
        sender.throttle = true;
        assertThrows(IllegalStateException.class, () -> at(NOW).send(message("e4")));
        sender.throttle = false;
        assertEquals(SendEmailService.Outcome.SENT, at(NOW.plusSeconds(1)).send(message("e4")));
        assertEquals(1, sender.sent.size());
    }
}
