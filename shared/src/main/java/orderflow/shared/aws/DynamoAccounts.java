package orderflow.shared.aws;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;
import orderflow.shared.ports.Accounts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** AccountsTable: one item per seller (SELLER#id), storefront (STOREFRONT#id) and API key (APIKEY#sha256). */
public final class DynamoAccounts implements Accounts {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccounts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Storefront> storefront(String storefrontId) {
        return item("STOREFRONT#" + storefrontId).map(i -> new Storefront(storefrontId, Attr.str(i, "sellerId"),
                Attr.str(i, "type"), i.containsKey("secrets") ? i.get("secrets").ss() : List.of(),
                Attr.str(i, "refundUrl"), Attr.str(i, "shopDomain"), skus(i)));
    }

    @Override
    public Optional<Seller> seller(String sellerId) {
        return item("SELLER#" + sellerId).map(i -> sellerOf(sellerId, i));
    }

    /** A SELLER# item as the domain's seller (absent numbers and time zone: the defaults). */
    static Seller sellerOf(String sellerId, Map<String, AttributeValue> i) {
        return new Seller(sellerId, Attr.str(i, "storeName"),
                Attr.str(i, "notifyEmail"), Attr.str(i, "replyTo"), Attr.str(i, "supportContact"),
                (int) Attr.num(i, "handlingDays"),
                ZoneId.of(Optional.ofNullable(Attr.str(i, "timeZone")).orElse("UTC")),
                i.containsKey("transitDays") ? (int) Attr.num(i, "transitDays") : Seller.DEFAULT_TRANSIT_DAYS,
                i.containsKey("unpaidCancelDays") ? (int) Attr.num(i, "unpaidCancelDays")
                        : Seller.DEFAULT_UNPAID_CANCEL_DAYS, CalendarItems.read(i));
    }

    @Override
    public Optional<String> sellerIdForApiKeyHash(String keyHash) {
        return item("APIKEY#" + keyHash).map(i -> Attr.str(i, "sellerId"));
    }

    @Override
    public Optional<AmazonLink> amazonSeller(String amazonSellerId) {
        return item("AMAZONSELLER#" + amazonSellerId).map(i -> new AmazonLink(Attr.str(i, "storefrontId"),
                Attr.str(i, "refreshToken")));
    }

    private Optional<Map<String, AttributeValue>> item(String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", Attr.s(pk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, String> skus(Map<String, AttributeValue> item) {
        Map<String, String> skus = new HashMap<>();
        if (item.containsKey("skus")) {
            item.get("skus").m().forEach((key, sku) -> skus.put(key, sku.s()));
        }
        return skus;
    }
}
