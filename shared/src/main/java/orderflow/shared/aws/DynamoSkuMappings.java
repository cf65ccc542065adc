package orderflow.shared.aws;

import java.util.HashMap;
import java.util.Map;

import orderflow.shared.ports.SkuMappings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A storefront's SKU mappings in one AccountsTable item, pk = SKUMAP#storefrontId, skus = {key: sku}:
 * one GetItem per delivery. Thousands of mappings fit in the 400 KB item.
 */
public final class DynamoSkuMappings implements SkuMappings {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSkuMappings(DynamoDbClient dynamo, String accountsTable) {
        this.dynamo = dynamo;
        this.table = accountsTable;
    }

    @Override
    public Map<String, String> of(String storefrontId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(pk(storefrontId))).item();
        Map<String, String> skus = new HashMap<>();
        if (item != null && item.containsKey("skus")) {
            item.get("skus").m().forEach((key, sku) -> skus.put(key, sku.s()));
        }
        return skus;
    }

    @Override
    public void remember(String storefrontId, String key, String sku) {
        // A nested key can only be set inside a map that exists: make the map first (a rare write, at release).
        dynamo.updateItem(u -> u.tableName(table).key(pk(storefrontId))
                .updateExpression("SET skus = if_not_exists(skus, :empty)")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()))));
        dynamo.updateItem(u -> u.tableName(table).key(pk(storefrontId)).updateExpression("SET skus.#k = :sku")
                .expressionAttributeNames(Map.of("#k", key)).expressionAttributeValues(Map.of(":sku", Attr.s(sku))));
    }

    private static Map<String, AttributeValue> pk(String storefrontId) {
        return Map.of("pk", Attr.s("SKUMAP#" + storefrontId));
    }
}
