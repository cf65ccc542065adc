package orderflow.shared.aws;

import java.util.List;

import orderflow.shared.email.RenderedEmail;
import orderflow.shared.ports.EmailSender;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * SES v2 SendEmail with text and HTML parts. Only a request SES calls malformed (an invalid
 * recipient address: BadRequestException, or a 400 InvalidParameterValue as emulators and the
 * query API answer it) is a {@link EmailSender.PermanentRejection}. Everything else propagates and
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
            throw new PermanentRejection(describe(e), e);
        } catch (SesV2Exception e) {
            if (e.statusCode() == 400 && e.awsErrorDetails() != null
                    && "InvalidParameterValue".equals(e.awsErrorDetails().errorCode())) {
                throw new PermanentRejection(describe(e), e);
            }
            throw e;
        }
    }

    private static String describe(SesV2Exception e) {
        return e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }

    private static Content text(String value) {
        return Content.builder().data(value).charset("UTF-8").build();
    }
}
