package orderflow.shared.aws;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.SecretBox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * AccountsTable: one item per seller (SELLER#id), storefront (STOREFRONT#id) and API key (APIKEY#sha256).
 * Storefront signing secrets and Amazon refresh tokens are sealed ({@link SecretBox}): without a box
 * (functions that hold no kms:Decrypt) only plain secrets written before sealing are returned.
 */
public final class DynamoAccounts implements Accounts {

    private final DynamoDbClient dynamo;
    private final String table;

    private final SecretBox box;

    public DynamoAccounts(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /** box: opens the sealed secrets; null leaves them out. */
    public DynamoAccounts(DynamoDbClient dynamo, String table, SecretBox box) {
        this.dynamo = dynamo;
        this.table = table;
        this.box = box;
    }

    @Override
    public Optional<Storefront> storefront(String storefrontId) {
        String key = "STOREFRONT#" + storefrontId;
        return item(key).map(i -> new Storefront(storefrontId, Attr.str(i, "sellerId"),
                Attr.str(i, "type"), signingSecrets(i, key), Attr.str(i, "refundUrl"), Attr.str(i, "shopDomain"),
                skus(i)));
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
        String key = "AMAZONSELLER#" + amazonSellerId;
        return item(key).map(i -> new AmazonLink(Attr.str(i, "storefrontId"),
                opened(Attr.str(i, "refreshToken"), SecretBox.context(Attr.str(i, "sellerId"), key))));
    }

    private Optional<Map<String, AttributeValue>> item(String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", Attr.s(pk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * The storefront's signing secrets, opened. One that does not open here (copied from another
     * item or seller) is left out, so a delivery signed with it is refused as unsigned.
     */
    private List<String> signingSecrets(Map<String, AttributeValue> item, String key) {
        if (!item.containsKey("secrets")) {
            return List.of();
        }
        return SealedValues.open(box, item.get("secrets").ss(), SecretBox.context(Attr.str(item, "sellerId"), key));
    }

    /** A plain value as it is; a sealed one opened (null when it does not open here). */
    private String opened(String stored, Map<String, String> context) {
        return SealedValues.open(box, stored, context);
    }

    private static Map<String, String> skus(Map<String, AttributeValue> item) {
        Map<String, String> skus = new HashMap<>();
        if (item.containsKey("skus")) {
            item.get("skus").m().forEach((key, sku) -> skus.put(key, sku.s()));
        }
        return skus;
    }
}
