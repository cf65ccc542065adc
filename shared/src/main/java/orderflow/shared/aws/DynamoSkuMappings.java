package orderflow.shared.aws;

import java.util.Map;
import java.util.Optional;

import orderflow.shared.ports.SkuMappings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** SKU mappings in AccountsTable: pk = SKUMAP#storefrontId#key, sku. */
public final class DynamoSkuMappings implements SkuMappings {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSkuMappings(DynamoDbClient dynamo, String accountsTable) {
        this.dynamo = dynamo;
        this.table = accountsTable;
    }

    @Override
    public Optional<String> skuFor(String storefrontId, String key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(pk(storefrontId, key))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Attr.str(item, "sku"));
    }

    @Override
    public void remember(String storefrontId, String key, String sku) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(pk(storefrontId, key));
        item.put("sku", Attr.s(sku));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> pk(String storefrontId, String key) {
        return Map.of("pk", Attr.s("SKUMAP#" + storefrontId + "#" + key));
    }
}
