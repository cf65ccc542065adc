package orderflow.local;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.domain.Seller;
import orderflow.shared.outbound.OutboundRules;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A demo seller with an API key, a generic storefront with a fresh secret, and some stock. */
public final class DemoSeed {

    public static final String SELLER = "demo-seller";
    public static final String STOREFRONT = "demo-store";
    public static final Map<String, Long> STOCK = Map.of("MUG-BLUE", 25L, "TEE-BLACK-L", 10L, "POSTER-A2", 0L);

    public record Demo(String sellerId, String apiKey, String storefrontId, String webhookSecret, String baseUrl,
                       Map<String, Long> stock) {

        public String webhookUrl() {
            return baseUrl + "/webhooks/" + storefrontId;
        }

        Demo withBaseUrl(String url) {
            return new Demo(sellerId, apiKey, storefrontId, webhookSecret, url, stock);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("baseUrl", baseUrl);
            json.put("sellerId", sellerId);
            json.put("apiKey", apiKey);
            json.put("storefrontId", storefrontId);
            json.put("webhookUrl", webhookUrl());
            json.put("webhookSecret", webhookSecret);
            json.put("emailsUrl", baseUrl + "/_local/emails");
            return json;
        }
    }

    private DemoSeed() {
    }

    /** The demo storefront's refunds go to the runner's own receiver (see DemoRefundReceiver). */
    static void receiveRefundsAt(LocalCloud cloud, DynamoDbClient dynamo, String url) {
        admin(cloud, dynamo).setRefundUrl(STOREFRONT, url, OutboundRules.allowingLoopback(), InetAddress::getAllByName);
    }

    static DynamoAdmin admin(LocalCloud cloud, DynamoDbClient dynamo) {
        return new DynamoAdmin(dynamo, String.valueOf(cloud.ref("AccountsTable")), String.valueOf(cloud.ref("InventoryTable")),
                cloud.sealer());
    }

    static Demo seed(LocalCloud cloud, DynamoDbClient dynamo) {
        DynamoAdmin admin = admin(cloud, dynamo);
        Instant now = Instant.now();
        admin.putSeller(new Seller(SELLER, "Demo Store", "seller@demo-store.example", "support@demo-store.example",
                "support@demo-store.example", 2, ZoneId.of("America/New_York")));
        String secret = admin.putStorefront(STOREFRONT, SELLER, "generic");
        String apiKey = admin.newApiKey(SELLER, "local demo", now);
        STOCK.forEach((sku, onHand) -> admin.putStock(SELLER, sku, onHand, now));
        return new Demo(SELLER, apiKey, STOREFRONT, secret, null, new TreeMap<>(STOCK));
    }
}
