package orderflow.shared.aws;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.outbound.HttpRefundWebhook;
import orderflow.shared.outbound.OutboundRules;
import orderflow.shared.outbound.carriers.AmazonShippingCarrier;
import orderflow.shared.outbound.carriers.EasyPostCarrier;
import orderflow.shared.outbound.channels.AmazonChannel;
import orderflow.shared.outbound.channels.AmazonStock;
import orderflow.shared.outbound.channels.ChannelClients;
import orderflow.shared.outbound.channels.ShopifyChannel;
import orderflow.shared.outbound.channels.ShopifyStock;
import orderflow.shared.outbound.channels.StockChannels;
import orderflow.shared.outbound.channels.WooCommerceChannel;
import orderflow.shared.outbound.channels.WooCommerceStock;
import orderflow.shared.ports.AmazonOrdersApi;
import orderflow.shared.ports.ChannelClient;
import orderflow.shared.ports.RefundWebhook;
import orderflow.shared.ports.StockChannel;
import orderflow.shared.service.Carriers;
import orderflow.shared.service.LowStockAlerts;
import orderflow.shared.spapi.SpApiClient;
import orderflow.shared.ports.SecretBox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The adapters of one deployment, built from its clients and its environment: every table and queue
 * name is read here, by the method that needs it, so a handler's variables are exactly the ones its
 * wiring asks for ({@link Env#names()}; TemplateIT compares them with template.yaml). Clients are
 * built on first use, so a function whose jar has no SQS or SES client never loads one.
 */
public final class Adapters {

    // Plain fields, no lambdas or method references: a function's jar holds only the clients it uses,
    // and naming an absent client class in a method handle would fail when it is resolved.
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private SesV2Client ses;
    private S3Client s3;
    private S3Presigner presigner;
    private KmsClient kms;
    private SsmClient ssm;
    /** Built once per adapters (per execution environment): it caches the data keys it opened. */
    private SecretBox secretBox;
    private SsmSecret lwaClientSecret;
    private final Env env;
    private final Clock clock;
    /** Real clients built on first use (Lambda); otherwise given, or offline ones when priming. */
    private final boolean live;
    /** What the offline DynamoDB answers when priming; null otherwise. */
    private final Priming.Answers answers;


    private Adapters(DynamoDbClient dynamo, SqsClient sqs, SesV2Client ses, Env env, Clock clock, boolean live,
                     Priming.Answers answers) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.ses = ses;
        this.env = env;
        this.clock = clock;
        this.live = live;
        this.answers = answers;
    }

    /** What a Lambda execution environment serves traffic with: real clients, its variables, the system clock. */
    public static Adapters live() {
        return new Adapters(null, null, null, Env.system(), Clock.systemUTC(), true, null);
    }

    /** Given clients (an emulator's, a fault injector's); null for a client the handler never uses. */
    public static Adapters of(DynamoDbClient dynamo, SqsClient sqs, SesV2Client ses, Env env, Clock clock) {
        return new Adapters(dynamo, sqs, ses, env, clock, false, null);
    }

    /** Offline clients for priming: DynamoDB with canned answers, SQS and SES built offline when used. */
    static Adapters priming(Priming.Answers answers, Env env) {
        return new Adapters(null, null, null, env, Clock.systemUTC(), false, answers);
    }

    /** These adapters with S3 for the labels and uploads buckets (an emulator's client and a presigner for its endpoint). */
    public Adapters withS3(S3Client client, S3Presigner signer) {
        this.s3 = client;
        this.presigner = signer;
        return this;
    }

    /** These adapters with KMS (sealed secrets) and SSM (the LWA client secret): an emulator's clients. */
    public Adapters withSecrets(KmsClient kmsClient, SsmClient ssmClient) {
        this.kms = kmsClient;
        this.ssm = ssmClient;
        return this;
    }

    /** True only for {@link #live()}: the handler built on it registers its SnapStart priming. */
    public boolean isLive() {
        return live;
    }

    public Clock clock() {
        return clock;
    }

    public Env env() {
        return env;
    }

    /** One of the function's own settings (not a resource name), e.g. AT_RISK_HOURS. */
    public String setting(String name) {
        return env.require(name);
    }

    // --- AccountsTable: sellers, storefronts, API keys, policies, job checkpoints

    public DynamoAccounts accounts() {
        return new DynamoAccounts(dynamo(), env.require("ACCOUNTS_TABLE"));
    }

    /**
     * As {@link #accounts()}, opening the storefronts' sealed signing secrets and the Amazon refresh
     * tokens (kms:Decrypt): only for the functions that verify or sign with them. {@link #accounts()}
     * returns no sealed secret at all.
     */
    public DynamoAccounts accountsWithSecrets() {
        return new DynamoAccounts(dynamo(), env.require("ACCOUNTS_TABLE"), secretBox());
    }

    public DynamoSkuMappings skuMappings() {
        return new DynamoSkuMappings(dynamo(), env.require("ACCOUNTS_TABLE"));
    }

    public DynamoReturnPolicies returnPolicies() {
        return new DynamoReturnPolicies(dynamo(), env.require("ACCOUNTS_TABLE"));
    }

    /** The seller's settings and its storefronts' state (reads OrdersTable and ChannelSyncsTable too). */
    public DynamoSellerSettings sellerSettings() {
        return new DynamoSellerSettings(dynamo(), env.require("ACCOUNTS_TABLE"), env.require("ORDERS_TABLE"),
                env.require("CHANNEL_SYNCS_TABLE"));
    }

    public DynamoJobCheckpoints jobCheckpoints() {
        return new DynamoJobCheckpoints(dynamo(), env.require("ACCOUNTS_TABLE"));
    }

    // --- OrdersTable (and what its transactions touch)

    /** Reads only: get, list, export. */
    public DynamoOrders orderReads() {
        return new DynamoOrders(dynamo(), env.require("ORDERS_TABLE"));
    }

    /** Reads of orders and their history, no writes (GET /v1/orders/{id}/history). */
    public DynamoOrders orderHistoryReads() {
        return new DynamoOrders(dynamo(), env.require("ORDERS_TABLE"), env.require("ORDER_HISTORY_TABLE"), null);
    }

    /** Reads and writes of orders with their history and search entries; no stock moves. */
    public DynamoOrders orders() {
        return writable(env.require("ORDER_HISTORY_TABLE"), null, null, null);
    }

    /** As {@link #orders()}, with stock moves in the same transaction (reserve, release, commit, restock). */
    public DynamoOrders ordersWithStock() {
        return writable(env.require("ORDER_HISTORY_TABLE"), env.require("INVENTORY_TABLE"), null, null);
    }

    /** As {@link #ordersWithStock()}, logging each SKU's units that leave or come back (shipments, returns). */
    public DynamoOrders ordersWithStockLog() {
        return writable(env.require("ORDER_HISTORY_TABLE"), env.require("INVENTORY_TABLE"),
                env.require("STOCK_MOVEMENTS_TABLE"), null);
    }

    /** As {@link #ordersWithStockLog()}, with the channel syncs a change writes (the outbox of platform changes). */
    public DynamoOrders ordersWithStockLogAndSyncs() {
        return writable(env.require("ORDER_HISTORY_TABLE"), env.require("INVENTORY_TABLE"),
                env.require("STOCK_MOVEMENTS_TABLE"), env.require("CHANNEL_SYNCS_TABLE"));
    }

    /** As {@link #orders()}, with the channel syncs a change writes (acknowledgements, goodwill refunds). */
    public DynamoOrders ordersWithSyncs() {
        return writable(env.require("ORDER_HISTORY_TABLE"), null, null, env.require("CHANNEL_SYNCS_TABLE"));
    }

    /** As {@link #ordersWithStock()}, with the channel syncs a change writes (cancels). */
    public DynamoOrders ordersWithStockAndSyncs() {
        return writable(env.require("ORDER_HISTORY_TABLE"), env.require("INVENTORY_TABLE"), null,
                env.require("CHANNEL_SYNCS_TABLE"));
    }

    /** Every order writer keeps the search entries (SearchTable) in the same transactions. */
    private DynamoOrders writable(String history, String inventory, String movements, String syncs) {
        return new DynamoOrders(dynamo(), env.require("ORDERS_TABLE"), history, inventory, movements, syncs,
                env.require("SEARCH_TABLE"));
    }

    /** GET /v1/orders?q=: the search entries and the orders they point to (reads only). */
    public DynamoOrderSearch orderSearch() {
        return new DynamoOrderSearch(dynamo(), env.require("SEARCH_TABLE"), env.require("ORDERS_TABLE"));
    }

    /**
     * The outbox of platform changes and the storefronts' platform links (AccountsTable, CHANNEL# items),
     * without their sealed credentials (which platform, its settings: enough to decide what to queue).
     */
    public DynamoChannelSyncs channelSyncs() {
        return new DynamoChannelSyncs(dynamo(), env.require("CHANNEL_SYNCS_TABLE"), env.require("ACCOUNTS_TABLE"));
    }

    /** As {@link #channelSyncs()}, opening the links' credentials (kms:Decrypt): SyncChannel, which calls the platforms. */
    public DynamoChannelSyncs channelSyncsWithSecrets() {
        return new DynamoChannelSyncs(dynamo(), env.require("CHANNEL_SYNCS_TABLE"), env.require("ACCOUNTS_TABLE"),
                secretBox());
    }

    /** The outbox of platform changes, without the links (which hold credentials). */
    public DynamoChannelSyncs channelSyncsWithoutLinks() {
        return new DynamoChannelSyncs(dynamo(), env.require("CHANNEL_SYNCS_TABLE"), null);
    }

    /** PENDING syncs by when they last changed (the sweep re-queues those left alone too long). */
    public DynamoOpenSyncs openSyncs() {
        return new DynamoOpenSyncs(dynamo(), env.require("CHANNEL_SYNCS_TABLE"));
    }

    /** FAILED syncs not yet in a seller's digest. */
    public DynamoFailedSyncs failedSyncs() {
        return new DynamoFailedSyncs(dynamo(), env.require("CHANNEL_SYNCS_TABLE"));
    }

    public SqsSyncQueue syncQueue() {
        return new SqsSyncQueue(sqs(), env.require("SYNC_QUEUE_URL"));
    }

    /** The watch index of OrdersTable (late, at risk, unpaid). */
    public DynamoWatchedOrders watchedOrders() {
        return new DynamoWatchedOrders(dynamo(), env.require("ORDERS_TABLE"));
    }

    // --- shipping: quotes and labels, the label files, carrier accounts

    public DynamoLabels labels() {
        return new DynamoLabels(dynamo(), env.require("LABELS_TABLE"));
    }

    /** The labels bucket (its clients built on first use); links are signed offline, so priming signs without S3. */
    public S3LabelFiles labelFiles() {
        return new S3LabelFiles(this, env.require("LABELS_BUCKET"));
    }

    // --- uploads: the sellers' files, their progress, the queue that processes them

    public DynamoUploads uploads() {
        return new DynamoUploads(dynamo(), env.require("UPLOADS_TABLE"));
    }

    /** The uploads bucket (clients on first use; links are signed offline). */
    public S3UploadFiles uploadFiles() {
        return new S3UploadFiles(this, env.require("UPLOADS_BUCKET"));
    }

    public SqsUploadQueue uploadQueue() {
        return new SqsUploadQueue(sqs(), env.require("UPLOAD_QUEUE_URL"));
    }

    /** The storefronts a platform order id of an uploaded file may come from (AccountsTable CHANNELS#). */
    public DynamoSellerStorefronts sellerStorefronts() {
        return new DynamoSellerStorefronts(dynamo(), env.require("ACCOUNTS_TABLE"));
    }

    S3Client s3() {
        if (s3 == null) {
            s3 = live ? AwsClients.s3() : missing("S3");
        }
        return s3;
    }

    S3Presigner s3Presigner() {
        if (presigner == null) {
            presigner = live ? AwsClients.s3Presigner() : answers != null ? PrimingClients.s3Presigner()
                    : missing("S3 presigner");
        }
        return presigner;
    }

    /**
     * The carriers' APIs (EasyPost; Amazon Shipping v2 with the stack's SP-API application). When
     * priming, a carrier that answers rates offline and refuses everything else.
     */
    public Carriers carriers() {
        if (answers != null) {
            return new Carriers(Map.of(CarrierAccount.EASYPOST, OfflineCarrier.INSTANCE,
                    CarrierAccount.AMAZON_SHIPPING, OfflineCarrier.INSTANCE));
        }
        return new Carriers(Map.of(CarrierAccount.EASYPOST, new EasyPostCarrier(outboundRules()), CarrierAccount.AMAZON_SHIPPING,
                new AmazonShippingCarrier(URI.create(env.require("LWA_ENDPOINT")), env.optional("LWA_CLIENT_ID"),
                        lwaClientSecret(), clock, outboundRules())));
    }

    /** Carrier accounts and ship-from addresses (AccountsTable CARRIER#, SHIPFROM#, and Amazon links). */
    public DynamoCarrierAccounts carrierAccounts() {
        return new DynamoCarrierAccounts(dynamo(), env.require("ACCOUNTS_TABLE"), secretBox());
    }

    // --- the other tables

    public DynamoInventory inventory() {
        return new DynamoInventory(dynamo(), env.require("INVENTORY_TABLE"), null);
    }

    /** Inventory with its movement log (counts, adjustments and their history). */
    public DynamoInventory inventoryWithMovements() {
        return new DynamoInventory(dynamo(), env.require("INVENTORY_TABLE"), env.require("STOCK_MOVEMENTS_TABLE"));
    }

    public DynamoMessages messages() {
        return new DynamoMessages(dynamo(), env.require("MESSAGES_TABLE"));
    }

    public DynamoDeliveryLog deliveryLog() {
        return new DynamoDeliveryLog(dynamo(), env.require("DELIVERY_LOG_TABLE"));
    }

    public DynamoBulkAnswers bulkAnswers() {
        return new DynamoBulkAnswers(dynamo(), env.require("DELIVERY_LOG_TABLE"));
    }

    public DynamoReturns returns() {
        return new DynamoReturns(dynamo(), env.require("RETURNS_TABLE"));
    }

    /** Refund records only: read, and their delivery recorded. */
    public DynamoRefunds refundRecords() {
        return new DynamoRefunds(dynamo(), env.require("REFUNDS_TABLE"), null, null);
    }

    /** Refunds issued in the order's own transaction (goodwill). */
    public DynamoRefunds refunds(DynamoOrders orders) {
        return new DynamoRefunds(dynamo(), env.require("REFUNDS_TABLE"), orders, null);
    }

    /** Refunds issued in one transaction with the order and the received return. */
    public DynamoRefunds refunds(DynamoOrders orders, DynamoReturns returns) {
        return new DynamoRefunds(dynamo(), env.require("REFUNDS_TABLE"), orders, returns);
    }

    public DynamoSendLog sendLog() {
        return new DynamoSendLog(dynamo(), env.require("SEND_LOG_TABLE"));
    }

    // --- queues, email, outbound

    public SqsEmailOutbox emailOutbox() {
        return new SqsEmailOutbox(sqs(), env.require("EMAIL_QUEUE_URL"));
    }

    public SqsOrderQueue orderQueue() {
        return new SqsOrderQueue(sqs(), env.require("ORDER_QUEUE_URL"));
    }

    public SqsRefundNotices refundNotices() {
        return new SqsRefundNotices(sqs(), env.require("REFUND_QUEUE_URL"));
    }

    /** Backoff on the refund queue: a delivery the storefront did not acknowledge comes back later. */
    public SqsRedelivery refundRedelivery() {
        return new SqsRedelivery(sqs(), env.require("REFUND_QUEUE_URL"));
    }

    public SesEmailSender emailSender() {
        return new SesEmailSender(ses());
    }

    public String senderEmail() {
        return env.require("SENDER_EMAIL");
    }

    /**
     * Where outbound HTTP may go: public https only, unless the local runner set the dev-only switch
     * (its fakes listen on http://127.0.0.1). Never set by template.yaml (TemplateIT checks).
     */
    public OutboundRules outboundRules() {
        return OutboundRules.fromSwitch(env.localSwitch(OutboundRules.LOCAL_SWITCH));
    }

    /** The storefronts' refund URLs over HTTP; when priming, an endpoint that acknowledges (200) without a network. */
    public RefundWebhook refundWebhook() {
        if (answers != null) {
            return (url, body, headers) -> 200;
        }
        return new HttpRefundWebhook(outboundRules());
    }

    /**
     * SP-API (orders and their items) through Login with Amazon; the client id and secret stay blank
     * until an Amazon storefront is set up, and the client says so when used. When priming, a client
     * that refuses every call (priming never reaches Amazon).
     */
    public AmazonOrdersApi amazonOrdersApi() {
        if (answers != null) {
            return new AmazonOrdersApi() {
                @Override
                public Map<String, Object> getOrder(String refreshToken, String amazonOrderId) {
                    throw new IllegalStateException("offline: priming never calls SP-API");
                }

                @Override
                public Map<String, Object> getOrderItems(String refreshToken, String amazonOrderId) {
                    throw new IllegalStateException("offline: priming never calls SP-API");
                }
            };
        }
        return new SpApiClient(URI.create(env.require("SPAPI_ENDPOINT")), URI.create(env.require("LWA_ENDPOINT")),
                env.optional("LWA_CLIENT_ID"), lwaClientSecret(), clock, outboundRules());
    }

    /**
     * The platforms' APIs for changes made here (Shopify, WooCommerce, SP-API with the stack's SP-API
     * application). Priming never calls a platform: the primed sync is already done.
     */
    public ChannelClient channelClient() {
        if (answers != null) {
            return OfflineChannelClient.INSTANCE;
        }
        return new ChannelClients(new ShopifyChannel(outboundRules()), new WooCommerceChannel(outboundRules()),
                new AmazonChannel(URI.create(env.require("SPAPI_ENDPOINT")), URI.create(env.require("LWA_ENDPOINT")),
                        env.optional("LWA_CLIENT_ID"), lwaClientSecret(), clock, outboundRules()));
    }

    /** The stock push outbox (InventoryTable's StockPushDue index), the sellers' links, their outcomes. */
    public DynamoStockPushes stockPushes() {
        return new DynamoStockPushes(dynamo(), env.require("INVENTORY_TABLE"), env.require("ACCOUNTS_TABLE"),
                env.require("CHANNEL_SYNCS_TABLE"), secretBox());
    }

    /** The platforms' stock APIs (Shopify, WooCommerce, SP-API Listings Items); priming never calls one. */
    public StockChannel stockChannel() {
        if (answers != null) {
            return (link, levels) -> {
                throw new IllegalStateException("offline: priming never calls a platform");
            };
        }
        return new StockChannels(new ShopifyStock(outboundRules()), new WooCommerceStock(outboundRules()),
                new AmazonStock(URI.create(env.require("SPAPI_ENDPOINT")), URI.create(env.require("LWA_ENDPOINT")),
                        env.optional("LWA_CLIENT_ID"), lwaClientSecret(), clock, outboundRules()));
    }

    /** Low-stock alerts: the inventory read, the seller's settings, the alert queued as an email. */
    public LowStockAlerts lowStockAlerts() {
        return new LowStockAlerts(inventory(), accounts(), emailOutbox());
    }

    /** Opens sealed secrets with the stack's KMS key; when priming, the sample's with the offline KMS. */
    SecretBox secretBox() {
        if (secretBox == null) {
            // Given clients without KMS (benches): only plain secrets, as written without a key. Priming
            // opens its sealed sample through the offline KMS, so the snapshot holds that code path.
            secretBox = answers == null && !live && kms == null ? SecretBox.PLAIN_ONLY : new OnFirstSealed();
        }
        return secretBox;
    }

    /**
     * Builds the KMS box on the first sealed value it opens: a function that meets only plain values
     * (or none) never loads a KMS client, and functions without the KMS jar can hold these adapters.
     */
    private final class OnFirstSealed implements SecretBox {
        private SecretBox kmsBox;

        @Override
        public String seal(String plaintext, java.util.Map<String, String> context) {
            throw new IllegalStateException("functions never seal: the operator does (scripts/admin)");
        }

        @Override
        public synchronized String open(String stored, java.util.Map<String, String> context) {
            if (!SecretBox.isSealed(stored)) {
                return stored;
            }
            if (kmsBox == null) {
                kmsBox = new KmsSecretBox(kms(), null, clock);
            }
            return kmsBox.open(stored, context);
        }
    }

    /**
     * The SP-API application's LWA client secret, read from the SSM SecureString named by
     * LWA_CLIENT_SECRET_PARAMETER on first use (never while priming); null when not configured.
     */
    SsmSecret lwaClientSecret() {
        if (lwaClientSecret == null) {
            String name = env.optional("LWA_CLIENT_SECRET_PARAMETER");
            boolean configured = name != null && answers == null;
            lwaClientSecret = new SsmSecret(configured ? ssm() : null, configured ? name : null);
        }
        return lwaClientSecret;
    }

    private KmsClient kms() {
        if (kms == null) {
            kms = live ? AwsClients.kms() : answers != null ? PrimingKms.client() : missing("KMS");
        }
        return kms;
    }

    private SsmClient ssm() {
        if (ssm == null) {
            ssm = live ? AwsClients.ssm() : missing("SSM");
        }
        return ssm;
    }

    private DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = live ? AwsClients.dynamoDb() : answers != null ? Priming.dynamoDb(answers) : missing("DynamoDB");
        }
        return dynamo;
    }

    private SqsClient sqs() {
        if (sqs == null) {
            sqs = live ? AwsClients.sqs() : answers != null ? Priming.sqs() : missing("SQS");
        }
        return sqs;
    }

    private SesV2Client ses() {
        if (ses == null) {
            ses = live ? AwsClients.ses() : answers != null ? Priming.ses() : missing("SES");
        }
        return ses;
    }

    private static <T> T missing(String client) {
        throw new IllegalStateException("no " + client + " client was given to these adapters");
    }
}
