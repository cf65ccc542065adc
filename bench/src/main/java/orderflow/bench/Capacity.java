package orderflow.bench;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The read and write units of a metered DynamoDB call, from item sizes (the emulator's
 * ConsumedCapacity is a fixed value). {@code raw}: an unmetered client, for the size of an item an
 * update or transaction touched (charged on the larger of before and after, which is after here).
 */
final class Capacity {

    private Capacity() {
    }

    /** {read units, write units} of one DynamoDB call. */
    static double[] units(DynamoDbClient raw, Metering.Call c) {
        if (c.request() instanceof GetItemRequest r && c.response() instanceof GetItemResponse resp) {
            long size = resp.hasItem() ? ItemSize.of(resp.item()) : 0;
            return new double[] {ItemSize.readUnits(size, Boolean.TRUE.equals(r.consistentRead())), 0};
        }
        if (c.request() instanceof BatchGetItemRequest r && c.response() instanceof BatchGetItemResponse resp) {
            double units = 0;
            for (var e : resp.responses().entrySet()) {
                boolean consistent = Boolean.TRUE.equals(r.requestItems().get(e.getKey()).consistentRead());
                for (var item : e.getValue()) {
                    units += ItemSize.readUnits(ItemSize.of(item), consistent);
                }
            }
            return new double[] {units, 0};
        }
        if (c.request() instanceof PutItemRequest r) {
            return new double[] {0, ItemSize.writeUnits(ItemSize.of(r.item()), false)};
        }
        if (c.request() instanceof UpdateItemRequest r) {
            return new double[] {0, ItemSize.writeUnits(sizeNow(raw, r.tableName(), r.key()), false)};
        }
        if (c.request() instanceof TransactWriteItemsRequest r) {
            double units = 0;
            for (TransactWriteItem item : r.transactItems()) {
                units += units(raw, item);
            }
            return new double[] {0, units};
        }
        return new double[] {0, 0};
    }

    /** Write units of one action of a transaction (a condition check is charged as a consistent read, twice). */
    static double units(DynamoDbClient raw, TransactWriteItem item) {
        if (item.update() != null) {
            return ItemSize.writeUnits(sizeNow(raw, item.update().tableName(), item.update().key()), true);
        }
        if (item.put() != null) {
            return ItemSize.writeUnits(ItemSize.of(item.put().item()), true);
        }
        if (item.conditionCheck() != null) {
            return ItemSize.readUnits(sizeNow(raw, item.conditionCheck().tableName(), item.conditionCheck().key()), true)
                    * 2;
        }
        if (item.delete() != null) {
            return ItemSize.writeUnits(0, true);
        }
        return 0;
    }

    private static long sizeNow(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null ? 0 : ItemSize.of(item);
    }
}
