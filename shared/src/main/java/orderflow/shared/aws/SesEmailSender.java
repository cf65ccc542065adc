package orderflow.shared.aws;

import java.util.List;

import orderflow.shared.email.RenderedEmail;
import orderflow.shared.ports.EmailSender;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;

/**
 * SES v2 SendEmail with text and HTML parts. Only a request SES calls malformed (an invalid
 * recipient address) is a {@link EmailSender.PermanentRejection}. Everything else propagates and
 * the message is retried, then dead-lettered: throttling and outages, but also problems of the
 * sender's set-up (identity not verified yet, sandbox, sending paused), which the seller can fix
 * and then redrive, so no confirmation is lost to them.
 */
public final class SesEmailSender implements EmailSender {

    private final SesV2Client ses;

    public SesEmailSender(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public String send(RenderedEmail email) {
        try {
            return ses.sendEmail(b -> b
                    .fromEmailAddress(email.from())
                    .destination(d -> d.toAddresses(email.to()))
                    .replyToAddresses(email.replyTo() == null || email.replyTo().isBlank() ? List.of()
                            : List.of(email.replyTo()))
                    .content(c -> c.simple(m -> m
                            .subject(text(email.subject()))
                            .body(Body.builder().text(text(email.text())).html(text(email.html())).build()))))
                    .messageId();
        } catch (BadRequestException e) {
            throw new PermanentRejection(e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    private static Content text(String value) {
        return Content.builder().data(value).charset("UTF-8").build();
    }
}
