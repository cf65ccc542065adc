package orderflow.shared.aws;

import java.util.Map;

import orderflow.shared.json.Json;
import orderflow.shared.ports.UploadQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** UploadQueue messages are {"sellerId", "uploadId"}: the processing function reads the upload itself. */
public final class SqsUploadQueue implements UploadQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    SqsUploadQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String sellerId, String uploadId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(Json.write(Map.of("sellerId", sellerId, "uploadId", uploadId))));
    }
}
