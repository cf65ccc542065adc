package orderflow.functions.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.api.SqsBatches;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoSendLog;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SesEmailSender;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.email.EmailTemplates;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.json.Json;
import orderflow.shared.service.SendEmailService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** EmailQueue consumer: renders and sends through SES v2, at most once per event id. */
public class SendEmailHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SendEmailService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public SendEmailHandler() {
        this(AwsClients.dynamoDb(), AwsClients.ses(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(SendEmailHandler::prime);
    }

    SendEmailHandler(DynamoDbClient dynamo, SesV2Client ses, Env env, Clock clock) {
        this.service = new SendEmailService(
                new DynamoSendLog(dynamo, env.require("SEND_LOG_TABLE")),
                new SesEmailSender(ses),
                new EmailTemplates(),
                env.require("SENDER_EMAIL"),
                new DynamoOrders(dynamo, env.require("ORDERS_TABLE"), env.require("ORDER_HISTORY_TABLE"), null),
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

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.sqs(in, out, event -> handleRequest(event, context));
    }

    /** Renders and "sends" a sample confirmation through a copy wired to offline clients. */
    public static SQSBatchResponse prime() {
        Instant now = Instant.now();
        EmailMessage email = OrderEmails.confirmation(PrimingSamples.unshippedOrder(now), PrimingSamples.seller());
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of()); SesV2Client ses = Priming.ses()) {
            SendEmailHandler handler = new SendEmailHandler(dynamo, ses, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(LambdaStreams.sqsEventOf(Json.write(email.toJson())), new PrimingContext());
        }
    }
}
