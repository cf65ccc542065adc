package orderflow.shared.aws;

import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.ShipAddress;
import orderflow.shared.ports.CarrierAccounts;
import orderflow.shared.ports.SecretBox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Carrier accounts in AccountsTable: "CARRIER#sellerId#provider" (baseUrl, settings, secrets) and the
 * seller's ship-from address "SHIPFROM#sellerId". An Amazon order's account is its storefront's Amazon
 * link ("CHANNEL#storefrontId"): Buy Shipping uses the same SP-API authorization.
 */
public final class DynamoCarrierAccounts implements CarrierAccounts {

    private final DynamoDbClient dynamo;
    private final String table;

    private final SecretBox box;

    public DynamoCarrierAccounts(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /** box: opens the sealed API keys, webhook secrets and refresh tokens; null leaves them out. */
    public DynamoCarrierAccounts(DynamoDbClient dynamo, String table, SecretBox box) {
        this.dynamo = dynamo;
        this.table = table;
        this.box = box;
    }

    @Override
    public Optional<CarrierAccount> forOrder(Order order) {
        Map<String, AttributeValue> link = item("CHANNEL#" + order.storefrontId());
        if (link != null && ChannelLink.AMAZON.equals(Attr.str(link, "platform")) && order.externalOrderId() != null) {
            return Optional.of(new CarrierAccount(order.sellerId(), CarrierAccount.AMAZON_SHIPPING,
                    Attr.str(link, "baseUrl"), Attr.strings(link.get("settings")), SealedValues.open(box,
                    Attr.strings(link.get("secrets")), SecretBox.context(Attr.str(link, "sellerId"),
                            "CHANNEL#" + order.storefrontId()))));
        }
        return get(order.sellerId(), CarrierAccount.EASYPOST);
    }

    @Override
    public Optional<CarrierAccount> get(String sellerId, String provider) {
        Map<String, AttributeValue> i = item("CARRIER#" + sellerId + "#" + provider);
        if (i == null) {
            return Optional.empty();
        }
        String pk = "CARRIER#" + sellerId + "#" + provider;
        return Optional.of(new CarrierAccount(sellerId, provider, Attr.str(i, "baseUrl"), Attr.strings(i.get("settings")),
                SealedValues.open(box, Attr.strings(i.get("secrets")), SecretBox.context(sellerId, pk))));
    }

    @Override
    public Optional<ShipAddress> shipFrom(String sellerId) {
        Map<String, AttributeValue> i = item("SHIPFROM#" + sellerId);
        if (i == null) {
            return Optional.empty();
        }
        return Optional.of(new ShipAddress(new Address(Attr.str(i, "name"), Attr.str(i, "line1"), Attr.str(i, "line2"),
                Attr.str(i, "city"), Attr.str(i, "region"), Attr.str(i, "postalCode"), Attr.str(i, "country")),
                Attr.str(i, "company"), Attr.str(i, "phone"), Attr.str(i, "email")));
    }

    private Map<String, AttributeValue> item(String pk) {
        Map<String, AttributeValue> i = dynamo.getItem(g -> g.tableName(table).key(Map.of("pk", Attr.s(pk)))).item();
        return i == null || i.isEmpty() ? null : i;
    }
}
