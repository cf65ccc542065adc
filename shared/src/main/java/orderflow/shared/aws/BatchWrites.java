package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Puts in BatchWriteItem calls of 25, unprocessed items sent again until none is left. */
final class BatchWrites {

    static final int BATCH = 25;

    private BatchWrites() {
    }

    static void put(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int i = 0; i < items.size(); i += BATCH) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(i, Math.min(items.size(), i + BATCH))) {
                batch.add(WriteRequest.builder().putRequest(r -> r.item(item)).build());
            }
            Map<String, List<WriteRequest>> request = Map.of(table, batch);
            while (!request.isEmpty()) {
                Map<String, List<WriteRequest>> pending = request;
                request = dynamo.batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
            }
        }
    }
}
