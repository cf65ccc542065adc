package orderflow.shared.aws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import orderflow.shared.domain.Seller;
import orderflow.shared.ports.SecretBox;
import orderflow.shared.outbound.GuardedHttp;
import orderflow.shared.outbound.OutboundRules;
import orderflow.shared.security.ApiKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Account and stock set-up for operators: used by the local runner's demo seed and by
 * scripts/admin against a deployed stack. Not used by any function. With a {@link SecretBox} (the
 * stack's KMS key) storefront signing secrets and Amazon refresh tokens are stored sealed; without
 * one (benches) they are stored plain, as before sealing existed.
 */
public final class DynamoAdmin {

    private final DynamoDbClient dynamo;
    private final String accountsTable;
    private final String inventoryTable;
    private final SecureRandom random = new SecureRandom();
    private final SecretBox box;

    public DynamoAdmin(DynamoDbClient dynamo, String accountsTable, String inventoryTable) {
        this(dynamo, accountsTable, inventoryTable, null);
    }

    /** box: seals the secrets written (the operator's KMS key); null stores them plain. */
    public DynamoAdmin(DynamoDbClient dynamo, String accountsTable, String inventoryTable, SecretBox box) {
        this.dynamo = dynamo;
        this.accountsTable = accountsTable;
        this.inventoryTable = inventoryTable;
        this.box = box;
    }

    /** What is stored for a secret of an item: sealed to its seller and item, or plain without a box. */
    private String stored(String secret, String sellerId, String itemKey) {
        return box == null ? secret : box.seal(secret, SecretBox.context(sellerId, itemKey));
    }

    public void putSeller(Seller s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Attr.s("SELLER#" + s.sellerId()));
        item.put("storeName", Attr.s(s.storeName()));
        Attr.putIfPresent(item, "notifyEmail", s.notifyEmail());
        Attr.putIfPresent(item, "replyTo", s.replyTo());
        Attr.putIfPresent(item, "supportContact", s.supportContact());
        item.put("handlingDays", Attr.n(s.handlingDays()));
        item.put("transitDays", Attr.n(s.transitDays()));
        item.put("unpaidCancelDays", Attr.n(s.unpaidCancelDays()));
        item.put("timeZone", Attr.s(s.timeZone().getId()));
        List<String> absent = new ArrayList<>();
        CalendarItems.write(s.calendar(), item, absent);
        // An update, not a put: saving a seller again must keep its API keys.
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        item.remove("pk");
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            set.add("#a" + i + " = :a" + i++);
        }
        StringJoiner remove = new StringJoiner(", ", " REMOVE ", "").setEmptyValue("");
        for (String name : absent) {
            names.put("#a" + i, name);
            remove.add("#a" + i++);
        }
        String update = set + remove.toString();
        dynamo.updateItem(b -> b.tableName(accountsTable).key(Map.of("pk", Attr.s("SELLER#" + s.sellerId())))
                .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    /** Registers a storefront and returns its new signing secret (shown once). */
    public String putStorefront(String storefrontId, String sellerId, String type) {
        String secret = newSecret();
        putStorefront(storefrontId, sellerId, type, secret);
        return secret;
    }

    /**
     * The operator's create-storefront: an id is never taken from another seller, and an existing
     * one of the same seller is replaced (its secrets and SKU mappings lost) only when asked.
     * Returns the signing secret (the given one, or a new one when null).
     */
    public String createStorefront(String storefrontId, String sellerId, String type, String secret, boolean replace) {
        String signing = secret == null ? newSecret() : secret;
        String sealed = stored(signing, sellerId, "STOREFRONT#" + storefrontId);
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(b -> b.tableName(accountsTable).item(Map.of(
                                    "pk", Attr.s("STOREFRONT#" + storefrontId), "sellerId", Attr.s(sellerId),
                                    "type", Attr.s(type), "secrets", AttributeValue.fromSs(List.of(sealed))))
                            .conditionExpression(replace ? "attribute_not_exists(pk) OR sellerId = :seller"
                                    : "attribute_not_exists(pk)")
                            .expressionAttributeValues(replace ? Map.of(":seller", Attr.s(sellerId)) : null)).build(),
                    listStorefront(storefrontId, sellerId)));
        } catch (TransactionCanceledException e) {
            checkStorefrontFree(storefrontId, sellerId, replace);
            throw e; // changed between the write and the read: the operator runs it again
        }
        return signing;
    }

    /** Refuses a storefront id another seller owns, and one of this seller unless it is replaced. */
    public void checkStorefrontFree(String storefrontId, String sellerId, boolean replace) {
        Map<String, AttributeValue> existing = dynamo.getItem(g -> g.tableName(accountsTable).consistentRead(true)
                .key(Map.of("pk", Attr.s("STOREFRONT#" + storefrontId)))).item();
        if (existing == null || existing.isEmpty()) {
            return;
        }
        if (!sellerId.equals(Attr.str(existing, "sellerId"))) {
            throw new IllegalArgumentException("storefront " + storefrontId
                    + " belongs to another seller: choose another id");
        }
        if (!replace) {
            throw new IllegalArgumentException("storefront " + storefrontId + " exists: pass --replace to replace it"
                    + " (its signing secrets and SKU mappings are lost), or use add-secret to rotate its secret");
        }
    }

    public void putStorefront(String storefrontId, String sellerId, String type, String secret) {
        String sealed = stored(secret, sellerId, "STOREFRONT#" + storefrontId);
        dynamo.transactWriteItems(t -> t.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(accountsTable).item(Map.of(
                        "pk", Attr.s("STOREFRONT#" + storefrontId), "sellerId", Attr.s(sellerId), "type", Attr.s(type),
                        "secrets", AttributeValue.fromSs(List.of(sealed))))).build(),
                listStorefront(storefrontId, sellerId)));
    }

    /** Adds the storefront to its seller's list (STOREFRONTS#sellerId): the settings page reads it. */
    private TransactWriteItem listStorefront(String storefrontId, String sellerId) {
        return TransactWriteItem.builder().update(u -> u.tableName(accountsTable)
                .key(DynamoSellerSettings.storefrontsKey(sellerId)).updateExpression("ADD storefronts :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromSs(List.of(storefrontId))))).build();
    }

    /**
     * Lists every existing storefront on its seller's STOREFRONTS# item (storefronts made before the
     * list existed); a Scan of AccountsTable, for operators only, safe to run again. Returns how many.
     */
    public int indexStorefronts() {
        int listed = 0;
        for (var page : dynamo.scanPaginator(s -> s.tableName(accountsTable).consistentRead(true)
                .filterExpression("begins_with(pk, :p)").expressionAttributeValues(Map.of(":p", Attr.s("STOREFRONT#")))
                .projectionExpression("pk, sellerId"))) {
            for (var item : page.items()) {
                String sellerId = Attr.str(item, "sellerId");
                if (sellerId != null) {
                    String id = Attr.str(item, "pk").substring("STOREFRONT#".length());
                    dynamo.updateItem(b -> b.tableName(accountsTable).key(DynamoSellerSettings.storefrontsKey(sellerId))
                            .updateExpression("ADD storefronts :s")
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromSs(List.of(id)))));
                    listed++;
                }
            }
        }
        return listed;
    }

    /**
     * Where the storefront's changes go back to (AccountsTable, CHANNEL#storefrontId): the platform,
     * its API base URL (null: the platform's own, from the settings) and its settings and credentials.
     */
    public void putChannelLink(orderflow.shared.domain.channels.ChannelLink link) {
        // The link's credentials are sealed to its storefront's seller, kept on the item (the context).
        Map<String, AttributeValue> storefront = storefrontItem(link.storefrontId());
        String sellerId = storefront == null ? null : Attr.str(storefront, "sellerId");
        String pk = "CHANNEL#" + link.storefrontId();
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("pk", Attr.s(pk));
        Attr.putIfPresent(item, "sellerId", sellerId);
        item.put("platform", Attr.s(link.platform()));
        Attr.putIfPresent(item, "baseUrl", link.baseUrl());
        item.put("settings", AttributeValue.fromM(strings(link.settings())));
        item.put("secrets", AttributeValue.fromM(sealed(link.secrets(), sellerId, pk)));
        dynamo.putItem(b -> b.tableName(accountsTable).item(item));
        // The seller's list of linked storefronts: the stock push finds the links of a seller by it.
        if (sellerId != null) {
            dynamo.updateItem(b -> b.tableName(accountsTable).key(DynamoStockPushes.storefrontsKey(sellerId))
                    .updateExpression("ADD storefronts :s")
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromSs(List.of(link.storefrontId())))));
        }
    }

    /** A seller's carrier account (CARRIER#sellerId#provider): where its labels are bought. */
    public void putCarrierAccount(orderflow.shared.domain.shipping.CarrierAccount account) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        String pk = "CARRIER#" + account.sellerId() + "#" + account.provider();
        item.put("pk", Attr.s(pk));
        item.put("sellerId", Attr.s(account.sellerId()));
        item.put("provider", Attr.s(account.provider()));
        Attr.putIfPresent(item, "baseUrl", account.baseUrl());
        item.put("settings", AttributeValue.fromM(strings(account.settings())));
        item.put("secrets", AttributeValue.fromM(sealed(account.secrets(), account.sellerId(), pk)));
        dynamo.putItem(b -> b.tableName(accountsTable).item(item));
    }

    /** The seller's ship-from address (SHIPFROM#sellerId), printed on every label. */
    public void putShipFrom(String sellerId, orderflow.shared.domain.shipping.ShipAddress from) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("pk", Attr.s("SHIPFROM#" + sellerId));
        var a = from.address();
        Attr.putIfPresent(item, "name", a.name());
        Attr.putIfPresent(item, "line1", a.line1());
        Attr.putIfPresent(item, "line2", a.line2());
        Attr.putIfPresent(item, "city", a.city());
        Attr.putIfPresent(item, "region", a.region());
        Attr.putIfPresent(item, "postalCode", a.postalCode());
        Attr.putIfPresent(item, "country", a.country());
        Attr.putIfPresent(item, "company", from.company());
        Attr.putIfPresent(item, "phone", from.phone());
        Attr.putIfPresent(item, "email", from.email());
        dynamo.putItem(b -> b.tableName(accountsTable).item(item));
    }

    /** Each credential of a map sealed to its item (plain without a box). */
    private Map<String, AttributeValue> sealed(Map<String, String> secrets, String sellerId, String itemKey) {
        Map<String, AttributeValue> out = new java.util.HashMap<>();
        secrets.forEach((k, v) -> out.put(k, Attr.s(SecretBox.isSealed(v) ? v : stored(v, sellerId, itemKey))));
        return out;
    }

    private static Map<String, AttributeValue> strings(Map<String, String> values) {
        Map<String, AttributeValue> out = new java.util.HashMap<>();
        values.forEach((k, v) -> out.put(k, Attr.s(v)));
        return out;
    }

    /** Binds a Shopify storefront to its shop: deliveries naming another X-Shopify-Shop-Domain are refused. */
    public void setShopDomain(String storefrontId, String shopDomain) {
        dynamo.updateItem(b -> b.tableName(accountsTable).key(Map.of("pk", Attr.s("STOREFRONT#" + storefrontId)))
                .updateExpression("SET shopDomain = :d").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":d", Attr.s(shopDomain.strip().toLowerCase(Locale.ROOT)))));
    }

    /**
     * Links an Amazon selling account (its SP-API SellerId) to a storefront of type amazon, with the
     * LWA refresh token the seller granted our app. Notifications for that SellerId become its orders.
     */
    public void putAmazonStorefront(String storefrontId, String sellerId, String amazonSellerId, String refreshToken) {
        // A relink to another Amazon account ends the old link, in the same transaction: its
        // notifications stop becoming orders here.
        Map<String, AttributeValue> before = dynamo.getItem(g -> g.tableName(accountsTable).consistentRead(true)
                .key(Map.of("pk", Attr.s("STOREFRONT#" + storefrontId)))).item();
        String previous = before == null ? null : Attr.str(before, "amazonSellerId");
        List<TransactWriteItem> writes = new ArrayList<>();
        if (previous != null && !previous.equals(amazonSellerId)) {
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(accountsTable)
                    .key(Map.of("pk", Attr.s("AMAZONSELLER#" + previous)))).build());
        }
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(accountsTable).item(Map.of(
                "pk", Attr.s("STOREFRONT#" + storefrontId), "sellerId", Attr.s(sellerId), "type", Attr.s("amazon"),
                "amazonSellerId", Attr.s(amazonSellerId)))).build());
        String sealed = stored(refreshToken, sellerId, "AMAZONSELLER#" + amazonSellerId);
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(accountsTable).item(Map.of(
                "pk", Attr.s("AMAZONSELLER#" + amazonSellerId), "storefrontId", Attr.s(storefrontId),
                "sellerId", Attr.s(sellerId), "refreshToken", Attr.s(sealed)))).build());
        writes.add(listStorefront(storefrontId, sellerId));
        dynamo.transactWriteItems(t -> t.transactItems(writes));
    }

    /**
     * Where the storefront's refunds are POSTed (signed with its secrets); null removes it, and
     * refunds are then left for the seller to pay on the platform (NO_ENDPOINT). Only https to a host
     * whose every address is public (inside Lambda 127.0.0.1 is the Runtime API and 169.254.169.254
     * the metadata service). Checked again at every send: DNS can change after this check.
     */
    public void setRefundUrl(String storefrontId, String url) {
        setRefundUrl(storefrontId, url, OutboundRules.publicOnly(), InetAddress::getAllByName);
    }

    /** As {@link #setRefundUrl(String, String)} with other rules: the local runner's receiver is on http://127.0.0.1. */
    public void setRefundUrl(String storefrontId, String url, OutboundRules rules, GuardedHttp.Resolver resolver) {
        if (url != null) {
            checkRefundUrl(url, rules, resolver);
        }
        try {
            dynamo.updateItem(b -> {
                b.tableName(accountsTable).key(Map.of("pk", Attr.s("STOREFRONT#" + storefrontId)))
                        .conditionExpression("attribute_exists(pk)");
                if (url == null) {
                    b.updateExpression("REMOVE refundUrl");
                } else {
                    b.updateExpression("SET refundUrl = :u").expressionAttributeValues(Map.of(":u", Attr.s(url)));
                }
            });
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalArgumentException("unknown storefront " + storefrontId);
        }
    }

    /** Refuses a refund URL that is not https to public addresses (under these rules), without credentials. */
    static void checkRefundUrl(String url, OutboundRules rules, GuardedHttp.Resolver resolver) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a URL: " + e.getMessage());
        }
        try {
            rules.addresses(uri, resolver);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url: " + uri.getHost() + " does not resolve");
        } catch (IOException e) {
            throw new IllegalArgumentException("--url must be https://host/path to a public address, without"
                    + " credentials: " + e.getMessage());
        }
    }

    /** Adds a second signing secret to a storefront (rotation); at most two are active. */
    public String addSecret(String storefrontId) {
        return addSecret(storefrontId, null);
    }

    /** secret: the platform's own signing key (Shopify), or null for a new random one. */
    public String addSecret(String storefrontId, String given) {
        String secret = given == null ? newSecret() : given;
        Map<String, AttributeValue> item = storefrontItem(storefrontId);
        String sellerId = item == null ? "" : Attr.str(item, "sellerId");
        String sealed = stored(secret, sellerId, "STOREFRONT#" + storefrontId);
        try {
            // The seller is part of the condition: the secret is sealed to the seller read above.
            dynamo.updateItem(b -> b.tableName(accountsTable).key(Map.of("pk", Attr.s("STOREFRONT#" + storefrontId)))
                    .updateExpression("ADD secrets :s")
                    .conditionExpression("attribute_exists(pk) AND size(secrets) < :two AND sellerId = :seller")
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromSs(List.of(sealed)), ":two", Attr.n(2),
                            ":seller", Attr.s(sellerId))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalArgumentException("storefront " + storefrontId
                    + " is unknown or already has two secrets: retire one first");
        }
        return secret;
    }

    /** Retires a signing secret; the storefront keeps at least one. */
    public void retireSecret(String storefrontId, String given) {
        // Sealed members differ from the secret (and from each other): find the one that opens to it.
        Map<String, AttributeValue> item = storefrontItem(storefrontId);
        String secret = item == null || !item.containsKey("secrets") ? given
                : item.get("secrets").ss().stream().filter(m -> given.equals(plain(m, item, "STOREFRONT#" + storefrontId)))
                        .findFirst().orElse(given);
        try {
            dynamo.updateItem(b -> b.tableName(accountsTable).key(Map.of("pk", Attr.s("STOREFRONT#" + storefrontId)))
                    .updateExpression("DELETE secrets :s")
                    .conditionExpression("contains(secrets, :one) AND size(secrets) > :single")
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromSs(List.of(secret)),
                            ":one", Attr.s(secret), ":single", Attr.n(1))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalArgumentException("that secret is not one of two active secrets of " + storefrontId);
        }
    }

    private Map<String, AttributeValue> storefrontItem(String storefrontId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(accountsTable).consistentRead(true)
                .key(Map.of("pk", Attr.s("STOREFRONT#" + storefrontId)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** A stored secret opened (plain ones as they are); null when it does not open here. */
    private String plain(String stored, Map<String, AttributeValue> item, String itemKey) {
        if (!SecretBox.isSealed(stored)) {
            return stored;
        }
        if (box == null) {
            return null;
        }
        try {
            return box.open(stored, SecretBox.context(Attr.str(item, "sellerId"), itemKey));
        } catch (SecretBox.Unopenable e) {
            return null;
        }
    }

    /**
     * Seals the secrets stored plain before sealing existed (storefront signing secrets, Amazon
     * refresh tokens, channel-link and carrier credentials); sealed ones are left alone, so it can run
     * again. Returns the items changed.
     */
    public int sealPlainSecrets() {
        if (box == null) {
            throw new IllegalStateException("no KMS key to seal with");
        }
        int changed = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(b -> b.tableName(accountsTable).consistentRead(true).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                try {
                    if (sealPlain(item)) {
                        changed++;
                    }
                } catch (ConditionalCheckFailedException rotatedMeanwhile) {
                    // its secrets changed since the scan (a rotation wrote sealed ones): the next run sees it
                }
            }
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        return changed;
    }

    private boolean sealPlain(Map<String, AttributeValue> item) {
        String pk = Attr.str(item, "pk");
        if (pk.startsWith("STOREFRONT#") && item.containsKey("secrets")
                && item.get("secrets").ss().stream().anyMatch(m -> !SecretBox.isSealed(m))) {
            List<String> old = item.get("secrets").ss();
            List<String> sealed = old.stream().map(m -> SecretBox.isSealed(m) ? m
                    : stored(m, Attr.str(item, "sellerId"), pk)).toList();
            // Only if nobody changed the secrets meanwhile (a rotation): otherwise run it again.
            dynamo.updateItem(b -> b.tableName(accountsTable).key(Map.of("pk", Attr.s(pk)))
                    .updateExpression("SET secrets = :new").conditionExpression("secrets = :old")
                    .expressionAttributeValues(Map.of(":new", AttributeValue.fromSs(sealed),
                            ":old", AttributeValue.fromSs(old))));
            return true;
        }
        if ((pk.startsWith("CHANNEL#") || pk.startsWith("CARRIER#")) && item.containsKey("secrets")
                && Attr.strings(item.get("secrets")).values().stream().anyMatch(v -> !SecretBox.isSealed(v))) {
            // A link written before it kept its seller: its storefront's.
            String sellerId = Attr.str(item, "sellerId");
            if (sellerId == null && pk.startsWith("CHANNEL#")) {
                Map<String, AttributeValue> storefront = storefrontItem(pk.substring("CHANNEL#".length()));
                sellerId = storefront == null ? "" : Attr.str(storefront, "sellerId");
            }
            String seller = sellerId == null ? "" : sellerId;
            AttributeValue old = item.get("secrets");
            dynamo.updateItem(b -> b.tableName(accountsTable).key(Map.of("pk", Attr.s(pk)))
                    .updateExpression("SET secrets = :new, sellerId = :seller").conditionExpression("secrets = :old")
                    .expressionAttributeValues(Map.of(":new", AttributeValue.fromM(sealed(Attr.strings(old), seller, pk)),
                            ":old", old, ":seller", Attr.s(seller))));
            return true;
        }
        if (pk.startsWith("AMAZONSELLER#") && item.containsKey("refreshToken")
                && !SecretBox.isSealed(Attr.str(item, "refreshToken"))) {
            // The seller a refresh token is sealed to is its storefront's.
            Map<String, AttributeValue> storefront = storefrontItem(Attr.str(item, "storefrontId"));
            String sellerId = storefront == null ? "" : Attr.str(storefront, "sellerId");
            String old = Attr.str(item, "refreshToken");
            dynamo.updateItem(b -> b.tableName(accountsTable).key(Map.of("pk", Attr.s(pk)))
                    .updateExpression("SET refreshToken = :new, sellerId = :seller")
                    .conditionExpression("refreshToken = :old")
                    .expressionAttributeValues(Map.of(":new", Attr.s(stored(old, sellerId, pk)), ":old", Attr.s(old),
                            ":seller", Attr.s(sellerId))));
            return true;
        }
        return false;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** At most this many keys per seller are active, so a key can be rotated without downtime. */
    public static final int MAX_ACTIVE_KEYS = 2;

    /** Creates an API key for the seller and returns it (shown once; only its hash is stored). */
    public String newApiKey(String sellerId, String label, Instant now) {
        String key = ApiKeys.newKey(random);
        putApiKey(key, sellerId, label, now);
        return key;
    }

    /**
     * Stores the key's hash and adds it to the seller's active keys in one transaction, refused when
     * the seller is unknown or already has two keys (revoke one first).
     */
    public void putApiKey(String key, String sellerId, String label, Instant now) {
        String hash = ApiKeys.hash(key);
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(accountsTable).item(Map.of(
                            "pk", Attr.s("APIKEY#" + hash), "sellerId", Attr.s(sellerId),
                            "keyId", Attr.s(ApiKeys.keyId(hash)), "label", Attr.s(label),
                            "createdAt", Attr.s(now.toString())))
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(accountsTable)
                            .key(Map.of("pk", Attr.s("SELLER#" + sellerId)))
                            .updateExpression("ADD apiKeyHashes :h")
                            .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(apiKeyHashes)"
                                    + " OR size(apiKeyHashes) < :max)")
                            .expressionAttributeValues(Map.of(":h", AttributeValue.fromSs(List.of(hash)),
                                    ":max", Attr.n(MAX_ACTIVE_KEYS)))).build()));
        } catch (TransactionCanceledException e) {
            throw new IllegalArgumentException("seller " + sellerId + " is unknown or already has "
                    + MAX_ACTIVE_KEYS + " active API keys: revoke one first (keys: " + apiKeyIds(sellerId) + ")");
        }
    }

    /** The public ids (key_...) of the seller's active keys. */
    public List<String> apiKeyIds(String sellerId) {
        return apiKeyHashes(sellerId).stream().map(ApiKeys::keyId).sorted().toList();
    }

    /** Revokes a key by its public id: the authorizer refuses it at once (cached answers expire within 60 s). */
    public void revokeApiKey(String sellerId, String keyId) {
        String hash = apiKeyHashes(sellerId).stream().filter(h -> ApiKeys.keyId(h).equals(keyId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("seller " + sellerId + " has no active key " + keyId
                        + " (active: " + apiKeyIds(sellerId) + ")"));
        dynamo.transactWriteItems(t -> t.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(accountsTable)
                        .key(Map.of("pk", Attr.s("APIKEY#" + hash)))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(accountsTable)
                        .key(Map.of("pk", Attr.s("SELLER#" + sellerId)))
                        .updateExpression("DELETE apiKeyHashes :h")
                        .expressionAttributeValues(Map.of(":h", AttributeValue.fromSs(List.of(hash))))).build()));
    }

    private List<String> apiKeyHashes(String sellerId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(accountsTable).consistentRead(true)
                .key(Map.of("pk", Attr.s("SELLER#" + sellerId)))).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalArgumentException("no seller " + sellerId);
        }
        return item.containsKey("apiKeyHashes") ? item.get("apiKeyHashes").ss() : List.of();
    }

    /**
     * Sets on-hand stock in one atomic write: reserved is kept, available follows, and on-hand may
     * not drop below what is reserved (those units belong to confirmed orders).
     */
    public void putStock(String sellerId, String sku, long onHand, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(inventoryTable)
                    .key(DynamoOrders.stockKey(sellerId, sku))
                    .updateExpression("SET onHand = :on, reserved = if_not_exists(reserved, :zero),"
                            + " available = :on - if_not_exists(reserved, :zero), updatedAt = :now, "
                            + StockPushMarks.SET)
                    .conditionExpression("attribute_not_exists(reserved) OR reserved <= :on")
                    .expressionAttributeValues(StockPushMarks.values(Map.of(":on", Attr.n(onHand), ":zero", Attr.n(0),
                            ":now", Attr.s(now.toString())), now)));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalArgumentException("on-hand stock of " + sku + " cannot go below what is reserved ("
                    + stock(sellerId, sku)[1] + ")");
        }
    }

    /** Stock levels of one SKU: onHand, reserved, available (all 0 when unknown). */
    public long[] stock(String sellerId, String sku) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(inventoryTable).consistentRead(true)
                .key(DynamoOrders.stockKey(sellerId, sku))).item();
        if (item == null || item.isEmpty()) {
            return new long[] {0, 0, 0};
        }
        return new long[] {Attr.num(item, "onHand"), Attr.num(item, "reserved"), Attr.num(item, "available")};
    }
}
