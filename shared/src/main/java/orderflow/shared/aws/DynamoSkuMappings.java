package orderflow.shared.aws;

import java.util.Map;

import orderflow.shared.ports.SkuMappings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A storefront's SKU mappings in its own AccountsTable item (STOREFRONT#id, skus = {key: sku}), so a
 * delivery reads them with the storefront, at no extra cost. Thousands fit in the 400 KB item.
 */
public final class DynamoSkuMappings implements SkuMappings {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSkuMappings(DynamoDbClient dynamo, String accountsTable) {
        this.dynamo = dynamo;
        this.table = accountsTable;
    }

    @Override
    public void remember(String storefrontId, String key, String sku) {
        Map<String, AttributeValue> pk = Map.of("pk", Attr.s("STOREFRONT#" + storefrontId));
        // A nested key can only be set inside a map that exists: make the map first (a rare write, at release).
        dynamo.updateItem(u -> u.tableName(table).key(pk).conditionExpression("attribute_exists(pk)")
                .updateExpression("SET skus = if_not_exists(skus, :empty)")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()))));
        dynamo.updateItem(u -> u.tableName(table).key(pk).conditionExpression("attribute_exists(pk)")
                .updateExpression("SET skus.#k = :sku")
                .expressionAttributeNames(Map.of("#k", key)).expressionAttributeValues(Map.of(":sku", Attr.s(sku))));
    }
}
