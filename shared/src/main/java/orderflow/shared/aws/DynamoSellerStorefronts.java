package orderflow.shared.aws;

import java.util.Map;
import java.util.Set;

import orderflow.shared.ports.SellerStorefronts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The seller's storefronts with a platform link (AccountsTable CHANNELS#sellerId, written with each link). */
public final class DynamoSellerStorefronts implements SellerStorefronts {

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoSellerStorefronts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Set<String> storefrontIds(String sellerId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(DynamoStockPushes.storefrontsKey(sellerId))).item();
        AttributeValue set = item == null ? null : item.get("storefronts");
        return set == null || !set.hasSs() ? Set.of() : Set.copyOf(set.ss());
    }
}
