package orderflow.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.SearchBackfill;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.ports.Orders;
import orderflow.shared.aws.SqsOrderQueue;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.aws.KmsSecretBox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Operator commands against a stack: the table and queue names come from the stack outputs
 * (environment variables or flags), the region from AWS_REGION, credentials from the usual AWS
 * chain. With AWS_ENDPOINT_URL set they work against the local cloud too.
 */
public final class AdminCli {

    private static final String USAGE = """
            usage: scripts/admin COMMAND [--flag value ...]
              create-seller     --seller ID --store-name NAME --notify-email EMAIL
                                [--reply-to EMAIL] [--support CONTACT] [--handling-days 2] [--time-zone UTC]
                                [--transit-days 5]   promised delivery = ship-by + transit carrier days (Mon-Fri, not holidays)
                                [--unpaid-cancel-days 21]   orders unpaid this long are canceled (at least 1)
              create-storefront --seller ID --storefront ID [--type generic|shopify|woocommerce] [--secret S] [--replace]
                                prints the webhook URL and signing secret (Shopify: pass its key as --secret)
                                [--shop-domain SHOP.myshopify.com]   Shopify: refuse deliveries of other shops
              create-storefront --seller ID --storefront ID --type amazon --amazon-seller-id A --refresh-token T [--replace]
              index-storefronts                                                 list storefronts made before the
                                seller's storefront list existed on it (STOREFRONTS#; the settings page reads it)
              add-secret        --storefront ID [--secret S]                    a second secret, for rotation
                                (Shopify: pass its new signing key as --secret)
              retire-secret     --storefront ID --secret SECRET                 once the storefront uses the new one
              set-refund-url    --storefront ID --url https://...               refunds are POSTed there, signed
                                (--url none: refunds are paid on the platform by hand)
              channel-link      --storefront ID --platform shopify --shop-domain SHOP.myshopify.com --access-token T
                                [--api-version 2026-10] [--notify-customer true|false] [--refund-on-cancel true|false]
                                [--acknowledge-tag TAG]
              channel-link      --storefront ID --platform woocommerce --site-url https://shop.example
                                --consumer-key ck_... --consumer-secret cs_...
              channel-link      --storefront ID --platform amazon --marketplace-id ATVPDKIKX0DER
                                --seller-id MERCHANT_TOKEN --refresh-token T
                                shipments, acknowledgements, cancels and refunds made here are sent to the
                                platform (docs/channels.md); [--base-url URL] points at another API endpoint
                                (a sandbox, a fake)
                                [--push-stock true] sends available stock to the listings every minute
                                (shopify: --location-id GID; amazon: [--product-type T])
              carrier-link      --seller ID --provider easypost --api-key EZAK... --webhook-secret S
                                --from-name N --from-street S [--from-street2 S] --from-city C --from-region R
                                --from-postal P --from-country US [--from-phone P] [--from-company C]
                                labels are bought with this EasyPost account and ship from this address
                                (docs/shipping.md); set the EasyPost webhook to
                                <ApiUrl>/tracking-events/easypost/SELLER_ID; [--base-url URL] for a fake.
                                Amazon orders of a linked Amazon storefront buy through Amazon Shipping.
              create-api-key    --seller ID [--label TEXT]                      prints the key (shown once); at most 2 active
              list-api-keys     --seller ID                                     public ids (key_...) of the active keys
              revoke-api-key    --seller ID --key-id key_...                    the key stops working within 60 s
              set-stock         --seller ID --sku SKU --on-hand N
              redrive           --from DLQ_URL --to QUEUE_URL                   moves every message back
              seal-secrets                                                      seals the secrets stored in plain text
                                before sealing existed (storefront signing secrets, Amazon refresh tokens); run once
                                after upgrading, again at any time (sealed ones are left alone)
              reprocess         --order ID                                      retry a BACKORDERED or ON_HOLD order
              backfill-search   [--seller ID]                                   search entries of orders stored before
                                SearchTable existed (all sellers without --seller: one Scan); safe to rerun
            reprocess also needs --orders-table / ORDERS_TABLE, --history-table / ORDER_HISTORY_TABLE,
            --search-table / SEARCH_TABLE and --order-queue / ORDER_QUEUE_URL; backfill-search needs the
            orders and search tables.
            tables: --accounts-table / ACCOUNTS_TABLE, --inventory-table / INVENTORY_TABLE (stack outputs)
            key: --secrets-key / SECRETS_KEY_ID (stack output SecretsKeyArn): secrets are sealed with it
            (kms:GenerateDataKey; kms:Decrypt for retire-secret and seal-secrets)
            """;

    private AdminCli() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (SWITCHES.contains(args[i])) { // a flag without a value
                flags.put(args[i].substring(2), "true");
                continue;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("expected --flag value, got " + args[i]);
            }
            flags.put(args[i].substring(2), args[++i]);
        }
        try {
            run(args[0], flags);
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
        }
    }

    private static final java.util.Set<String> SWITCHES = java.util.Set.of("--replace");

    private static void run(String command, Map<String, String> f) {
        Instant now = Instant.now();
        switch (command) {
            case "create-seller" -> {
                admin(f).putSeller(new Seller(required(f, "seller"), required(f, "store-name"),
                        required(f, "notify-email"), f.get("reply-to"), f.getOrDefault("support", f.get("reply-to")),
                        Integer.parseInt(f.getOrDefault("handling-days", "2")),
                        ZoneId.of(f.getOrDefault("time-zone", "UTC")),
                        Integer.parseInt(f.getOrDefault("transit-days", Integer.toString(Seller.DEFAULT_TRANSIT_DAYS))),
                        Integer.parseInt(f.getOrDefault("unpaid-cancel-days",
                                Integer.toString(Seller.DEFAULT_UNPAID_CANCEL_DAYS)))));
                System.out.println("seller " + f.get("seller") + " saved");
            }
            case "create-storefront" -> createStorefront(f);
            case "index-storefronts" -> System.out.println("listed " + admin(f).indexStorefronts() + " storefronts");
            case "create-api-key" -> System.out.println(admin(f).newApiKey(required(f, "seller"),
                    f.getOrDefault("label", "created " + now), now));
            case "list-api-keys" -> System.out.println(String.join("\n", admin(f).apiKeyIds(required(f, "seller"))));
            case "revoke-api-key" -> {
                admin(f).revokeApiKey(required(f, "seller"), required(f, "key-id"));
                System.out.println("key " + f.get("key-id") + " revoked (cached authorizations end within 60 s)");
            }
            case "add-secret" -> System.out.println("new signing secret (shown once; both are valid until you retire "
                    + "the old one): " + admin(f).addSecret(required(f, "storefront"), f.get("secret")));
            case "retire-secret" -> {
                admin(f).retireSecret(required(f, "storefront"), required(f, "secret"));
                System.out.println("secret retired");
            }
            case "set-refund-url" -> {
                String url = required(f, "url");
                admin(f).setRefundUrl(required(f, "storefront"), url.equals("none") ? null : url);
                System.out.println("refunds of " + f.get("storefront") + (url.equals("none") ? " are paid by hand"
                        : " are POSTed to " + url));
            }
            case "reprocess" -> System.out.println(reprocess(f, required(f, "order"), now));
            case "backfill-search" -> {
                long done = new SearchBackfill(AwsClients.dynamoDb(), option(f, "orders-table", "ORDERS_TABLE"),
                        option(f, "search-table", "SEARCH_TABLE")).run(f.get("seller"), n -> System.err.print(
                                "\r" + n + " orders"));
                System.out.println("\nsearch entries written for " + done + " orders");
            }
            case "channel-link" -> {
                orderflow.shared.domain.channels.ChannelLink link = channelLink(f);
                admin(f).putChannelLink(link);
                System.out.println("changes of " + link.storefrontId() + " go to " + link.platform()
                        + " (credentials stored; not shown)");
            }
            case "carrier-link" -> {
                String seller = required(f, "seller");
                String provider = f.getOrDefault("provider", "easypost");
                if (!provider.equals(orderflow.shared.domain.shipping.CarrierAccount.EASYPOST)) {
                    fail("--provider must be easypost (Amazon Shipping uses the Amazon storefront's channel-link)");
                }
                admin(f).putCarrierAccount(new orderflow.shared.domain.shipping.CarrierAccount(seller, provider,
                        f.getOrDefault("base-url", "https://api.easypost.com"), Map.of(),
                        Map.of("apiKey", required(f, "api-key"), "webhookSecret", required(f, "webhook-secret"))));
                admin(f).putShipFrom(seller, new orderflow.shared.domain.shipping.ShipAddress(
                        new orderflow.shared.domain.Address(required(f, "from-name"), required(f, "from-street"),
                                f.get("from-street2"), required(f, "from-city"), required(f, "from-region"),
                                required(f, "from-postal"), required(f, "from-country")),
                        f.get("from-company"), f.get("from-phone"), null));
                System.out.println("labels of " + seller + " are bought with " + provider
                        + " (credentials stored; not shown); tracking webhook: <ApiUrl>/tracking-events/" + provider
                        + "/" + seller);
            }
            case "set-stock" -> {
                admin(f).putStock(required(f, "seller"), required(f, "sku"), Long.parseLong(required(f, "on-hand")), now);
                System.out.println("stock of " + f.get("sku") + " set");
            }
            case "seal-secrets" -> System.out.println("sealed the secrets of " + admin(f).sealPlainSecrets() + " items");
            case "redrive" -> System.out.println("moved " + redrive(required(f, "from"), required(f, "to")) + " messages");
            default -> fail("unknown command " + command + "\n" + USAGE);
        }
    }

    /**
     * A storefront of type generic, shopify or woocommerce gets its webhook URL and a signing secret
     * (Shopify signs with its own key: pass it with --secret); amazon links an SP-API seller account.
     */
    private static void createStorefront(Map<String, String> f) {
        String storefront = required(f, "storefront");
        if (!storefront.matches("[A-Za-z0-9_-]{1,64}")) {
            fail("--storefront must be 1-64 letters, digits, _ or - (it is part of the webhook URL)");
        }
        String type = f.getOrDefault("type", "generic");
        switch (type) {
            case "generic", "shopify", "woocommerce" -> {
                String secret = admin(f).createStorefront(storefront, required(f, "seller"), type, f.get("secret"),
                        f.containsKey("replace"));
                if (f.get("shop-domain") != null) {
                    if (!type.equals("shopify")) {
                        fail("--shop-domain is for --type shopify");
                    }
                    admin(f).setShopDomain(storefront, f.get("shop-domain"));
                }
                System.out.println("storefront " + storefront + " (" + type + ") posts to <ApiUrl>/webhooks/" + storefront);
                System.out.println("signing secret (shown once): " + secret);
                System.out.println("how to connect it: docs/storefronts.md#" + type);
            }
            case "amazon" -> {
                admin(f).checkStorefrontFree(storefront, required(f, "seller"), f.containsKey("replace"));
                admin(f).putAmazonStorefront(storefront, required(f, "seller"), required(f, "amazon-seller-id"),
                        required(f, "refresh-token"));
                System.out.println("storefront " + storefront + " linked to Amazon seller " + f.get("amazon-seller-id"));
                System.out.println("subscribe the stack's AmazonNotificationQueueArn to ORDER_CHANGE: docs/storefronts.md#amazon");
            }
            default -> fail("--type must be generic, shopify, woocommerce or amazon");
        }
    }

    private static orderflow.shared.domain.channels.ChannelLink channelLink(Map<String, String> f) {
        String storefront = required(f, "storefront");
        String platform = required(f, "platform");
        Map<String, String> settings = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        switch (platform) {
            case "shopify" -> {
                String shop = required(f, "shop-domain");
                if (!shop.matches("[a-z0-9][a-z0-9-]*\\.myshopify\\.com")) {
                    fail("--shop-domain must be the shop's SHOP.myshopify.com domain");
                }
                settings.put("shopDomain", shop);
                settings.put("apiVersion", f.getOrDefault("api-version", orderflow.shared.outbound.channels.ShopifyChannel.DEFAULT_API_VERSION));
                settings.put("notifyCustomer", f.getOrDefault("notify-customer", "true"));
                settings.put("refundOnCancel", f.getOrDefault("refund-on-cancel", "true"));
                if (f.get("acknowledge-tag") != null) {
                    settings.put("acknowledgeTag", f.get("acknowledge-tag"));
                }
                secrets.put("accessToken", required(f, "access-token"));
            }
            case "woocommerce" -> {
                String site = required(f, "site-url");
                if (!site.startsWith("https://")) {
                    fail("--site-url must be https:// (the consumer secret travels in each request)");
                }
                settings.put("siteUrl", site);
                secrets.put("consumerKey", required(f, "consumer-key"));
                secrets.put("consumerSecret", required(f, "consumer-secret"));
            }
            case "amazon" -> {
                settings.put("marketplaceId", required(f, "marketplace-id"));
                // The merchant token every feed names (acknowledgements, cancels, refunds) and the listings' seller.
                settings.put("sellerId", required(f, "seller-id"));
                secrets.put("refreshToken", required(f, "refresh-token"));
            }
            default -> fail("--platform must be shopify, woocommerce or amazon");
        }
        // Stock push (opt-in): Shopify sets one location's quantity, Amazon needs the SP-API merchant id.
        if ("true".equals(f.get("push-stock"))) {
            settings.put("pushStock", "true");
            if (platform.equals("shopify")) {
                settings.put("locationId", required(f, "location-id"));
            }
            if (platform.equals("amazon")) {
                settings.put("productType", f.getOrDefault("product-type", "PRODUCT"));
            }
        }
        return new orderflow.shared.domain.channels.ChannelLink(storefront, platform, f.get("base-url"), settings,
                secrets);
    }

    /** Queues a waiting order for processing again; an ON_HOLD one goes back to READY first. */
    private static String reprocess(Map<String, String> f, String orderId, Instant now) {
        DynamoOrders orders = new DynamoOrders(AwsClients.dynamoDb(), option(f, "orders-table", "ORDERS_TABLE"),
                option(f, "history-table", "ORDER_HISTORY_TABLE"), null, null, null,
                option(f, "search-table", "SEARCH_TABLE"));
        Order order = orders.get(orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
        if (order.status() == OrderStatus.ON_HOLD) {
            Orders.Applied released = orders.apply(OrderChange.of(order, order.withStatus(OrderStatus.READY, null), now,
                    Actor.operator(System.getProperty("user.name", "admin")), "release-hold", "released by an operator",
                    List.of()));
            if (!(released instanceof Orders.Done)) {
                throw new IllegalStateException("order " + orderId + " changed meanwhile; run the command again");
            }
        } else if (order.status() != OrderStatus.BACKORDERED && order.status() != OrderStatus.READY) {
            throw new IllegalArgumentException("order " + orderId + " is " + order.status() + ": nothing to retry");
        }
        new SqsOrderQueue(AwsClients.sqs(), option(f, "order-queue", "ORDER_QUEUE_URL")).enqueue(orderId);
        return "order " + orderId + " queued for processing";
    }

    private static DynamoAdmin admin(Map<String, String> f) {
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        // Every secret the operator writes is sealed with the stack's key: never plain text.
        return new DynamoAdmin(dynamo, option(f, "accounts-table", "ACCOUNTS_TABLE"),
                option(f, "inventory-table", "INVENTORY_TABLE"),
                new KmsSecretBox(AwsClients.kms(), option(f, "secrets-key", "SECRETS_KEY_ID"), java.time.Clock.systemUTC()));
    }

    /** Moves messages from a DLQ back to its queue: sent first, deleted after, so none is lost. */
    static int redrive(String from, String to) {
        SqsClient sqs = AwsClients.sqs();
        int moved = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(from).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return moved;
            }
            List<SendMessageBatchRequestEntry> sends = new ArrayList<>();
            for (Message m : batch) {
                sends.add(SendMessageBatchRequestEntry.builder().id(m.messageId()).messageBody(m.body())
                        .messageAttributes(m.messageAttributes()).build());
            }
            var result = sqs.sendMessageBatch(b -> b.queueUrl(to).entries(sends));
            if (!result.failed().isEmpty()) {
                throw new IllegalStateException("could not resend " + result.failed().size() + " messages: "
                        + result.failed().get(0).message());
            }
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (Message m : batch) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                        .receiptHandle(m.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(from).entries(deletes));
            moved += batch.size();
        }
    }

    private static String option(Map<String, String> f, String flag, String env) {
        String value = f.getOrDefault(flag, System.getenv(env));
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + flag + " or " + env + " is required (a stack output)");
        }
        return value;
    }

    private static String required(Map<String, String> f, String flag) {
        String value = f.get(flag);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + flag + " is required");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(2);
    }

}
