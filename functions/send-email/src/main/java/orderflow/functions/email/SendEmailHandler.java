package orderflow.functions.email;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                EmailMessage email = EmailMessage.fromJson(Json.parseObject(message.getBody()));
                SendEmailService.Outcome outcome = service.send(email);
                // Addresses are personal data: log the event id, not the recipient.
                context.getLogger().log("email " + email.eventId() + ": " + outcome, LogLevel.INFO);
            } catch (RuntimeException e) {
                context.getLogger().log("message " + message.getMessageId() + " failed: " + e, LogLevel.ERROR);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
