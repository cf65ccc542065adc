package orderflow.shared.aws;

import orderflow.shared.email.EmailMessage;
import orderflow.shared.json.Json;
import orderflow.shared.ports.EmailOutbox;
import software.amazon.awssdk.services.sqs.SqsClient;

public final class SqsEmailOutbox implements EmailOutbox {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEmailOutbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void queue(EmailMessage message) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(message.toJson())));
    }
}
