package orderflow.functions.email;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.QueueConsumer;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.email.EmailTemplates;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.json.Json;
import orderflow.shared.service.SendEmailService;

/** EmailQueue consumer: renders and sends through SES v2, at most once per event id. */
public class SendEmailHandler extends QueueConsumer {

    private final SendEmailService service;

    public SendEmailHandler() {
        this(Adapters.live());
    }

    public SendEmailHandler(Adapters adapters) {
        super(adapters);
        this.service = new SendEmailService(adapters.sendLog(), adapters.emailSender(), new EmailTemplates(),
                adapters.senderEmail(), adapters.orders(), adapters.clock());
    }

    /** Addresses are personal data: the event id is logged, never the recipient. */
    @Override
    protected String handle(SQSEvent.SQSMessage message, Context context) {
        EmailMessage email = EmailMessage.fromJson(Json.parseObject(message.getBody()));
        return "email " + email.eventId() + ": " + service.send(email);
    }

    /** Renders and "sends" a sample confirmation (the send log is written, never read). */
    @Override
    protected PrimingRun<SQSEvent> priming(Instant now) {
        EmailMessage email = OrderEmails.confirmation(PrimingSamples.unshippedOrder(now), PrimingSamples.seller());
        return PrimingRun.of(Priming.answers(), LambdaStreams.sqsEventOf(Json.write(email.toJson())));
    }
}
