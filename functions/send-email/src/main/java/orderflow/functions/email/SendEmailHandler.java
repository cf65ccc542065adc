package orderflow.functions.email;

import java.time.Clock;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.SqsBatches;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoSendLog;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.SesEmailSender;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.email.EmailTemplates;
import orderflow.shared.json.Json;
import orderflow.shared.service.SendEmailService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** EmailQueue consumer: renders and sends through SES v2, at most once per event id. */
public class SendEmailHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SendEmailService service;

    public SendEmailHandler() {
        this(AwsClients.dynamoDb(), AwsClients.ses(), Env.system(), Clock.systemUTC());
    }

    SendEmailHandler(DynamoDbClient dynamo, SesV2Client ses, Env env, Clock clock) {
        this.service = new SendEmailService(
                new DynamoSendLog(dynamo, env.require("SEND_LOG_TABLE")),
                new SesEmailSender(ses),
                new EmailTemplates(),
                env.require("SENDER_EMAIL"),
                clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Addresses are personal data: log the event id, not the recipient.
        return SqsBatches.each(event, context, body -> {
            EmailMessage email = EmailMessage.fromJson(Json.parseObject(body));
            return "email " + email.eventId() + ": " + service.send(email);
        });
    }
}
