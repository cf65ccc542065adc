package orderflow.shared.aws;

import java.util.Map;

import orderflow.shared.json.Json;
import orderflow.shared.ports.RefundNotices;
import software.amazon.awssdk.services.sqs.SqsClient;

/** RefundQueue messages: {"orderId", "refundId"}; the refund itself is read from RefundsTable. */
public final class SqsRefundNotices implements RefundNotices {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRefundNotices(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String orderId, String refundId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(Map.of("orderId", orderId,
                "refundId", refundId))));
    }
}
