package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;
import orderflow.shared.json.Json;
import orderflow.shared.ports.StockChannel;
import orderflow.shared.outbound.OutboundRules;

/**
 * Sets Shopify's "available" quantity at one location (the link's locationId setting) with the
 * Admin GraphQL mutation inventorySetQuantities, up to {@link #MAX_QUANTITIES} SKUs per call. The
 * inventory items are found by SKU with the inventoryItems query (sku filter, OR-ed, exact match
 * checked here; every item carrying the SKU is set). From API version 2026-01 each quantity says
 * changeFromQuantity: null (we are the source of truth: no compare), before that
 * ignoreCompareQuantity: true; 2026-04 made changeFromQuantity mandatory and removed the old fields.
 * Every mutation carries an @idempotent key (mandatory for inventory mutations from 2026-04).
 *
 * <p>Needs the read_inventory and write_inventory access scopes.
 */
public final class ShopifyStock implements StockChannel {

    /** Shopify's limit of quantities in one inventorySetQuantities input. */
    static final int MAX_QUANTITIES = 250;
    /** SKUs OR-ed in one inventoryItems search (keeps the query string and its cost small). */
    static final int SKUS_PER_LOOKUP = 50;
    /** Shopify refuses a quantity above 1,000,000,000. */
    static final long MAX_QUANTITY = 1_000_000_000L;

    static final String ITEMS_QUERY = """
            query StockItems($first: Int!, $query: String!) {
              inventoryItems(first: $first, query: $query) { nodes { id sku } }
            }""";

    private static final String SCOPES = "read_inventory and write_inventory";

    private final ShopifyAdmin admin;

    public ShopifyStock(OutboundRules rules) {
        this(ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    ShopifyStock(Duration requestTimeout, OutboundRules rules) {
        this.admin = new ShopifyAdmin(requestTimeout, rules);
    }

    @Override
    public Map<String, PushResult> setAvailable(ChannelLink link, List<StockLevel> levels) {
        String token = link.secret("accessToken");
        List<String> secrets = token == null ? List.of() : List.of(token);
        URI endpoint = ShopifyAdmin.endpoint(link);
        String location = link.setting("locationId");
        if (token == null || token.isBlank()) {
            return StockResults.all(levels, new PushResult.Refused("The Shopify link has no access token: reconnect the store."));
        }
        if (endpoint == null) {
            return StockResults.all(levels, new PushResult.Refused(
                    "The Shopify link has neither a base URL nor a valid shopDomain setting."));
        }
        if (location == null || location.isBlank()) {
            return StockResults.all(levels, new PushResult.Refused("The Shopify link has no locationId setting: stock"
                    + " is set at one location, name it (gid://shopify/Location/... or its number)."));
        }
        String locationGid = ShopifyAdmin.gid("Location", location);
        boolean changeFrom = version(endpoint).compareTo("2026-01") >= 0;
        Map<String, PushResult> results = new LinkedHashMap<>();
        ShopifyAdmin.Target target = new ShopifyAdmin.Target(endpoint, version(endpoint), token, secrets, null, SCOPES);
        Map<String, List<String>> items = new LinkedHashMap<>();
        for (List<StockLevel> chunk : StockResults.chunks(levels, SKUS_PER_LOOKUP)) {
            ShopifyAdmin.Call found = admin.call(target, ITEMS_QUERY, Map.of("first", 250, "query", skuQuery(chunk)));
            if (found.result() != null) {
                StockResults.fill(results, levels, found.result());
                return results;
            }
            for (Object n : list(map(found.data().get("inventoryItems")).get("nodes"))) {
                String sku = text(map(n).get("sku"));
                String id = text(map(n).get("id"));
                if (sku != null && id != null) {
                    items.computeIfAbsent(sku, k -> new ArrayList<>()).add(id);
                }
            }
        }
        List<StockLevel> known = new ArrayList<>();
        for (StockLevel level : levels) {
            if (items.containsKey(level.sku())) {
                known.add(level);
            } else {
                results.put(level.sku(), new PushResult.Refused(ChannelHttp.clean("Shopify has no inventory item"
                        + " with SKU " + level.sku() + " (the variant's SKU must equal ours).", secrets)));
            }
        }
        for (List<StockLevel> chunk : StockResults.chunks(known, MAX_QUANTITIES)) {
            set(target, locationGid, changeFrom, chunk, items, results);
            if (results.values().stream().anyMatch(r -> r instanceof PushResult.Retry)) {
                StockResults.fill(results, levels, new PushResult.Retry("Not sent: Shopify asked to wait."));
                return results;
            }
        }
        return results;
    }

    /** One inventorySetQuantities call; SKUs named by userErrors are refused and the rest sent once more. */
    private void set(ShopifyAdmin.Target target, String location, boolean changeFrom, List<StockLevel> chunk,
                     Map<String, List<String>> items, Map<String, PushResult> results) {
        List<String> secrets = target.secrets();
        List<StockLevel> pending = new ArrayList<>(chunk);
        for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
            List<StockLevel> byIndex = new ArrayList<>();
            List<String> quantities = new ArrayList<>();
            for (StockLevel level : pending) {
                for (String item : items.get(level.sku())) {
                    quantities.add("{inventoryItemId: " + Json.write(item) + ", locationId: " + Json.write(location)
                            + ", quantity: " + Math.min(level.available(), MAX_QUANTITY)
                            + (changeFrom ? ", changeFromQuantity: null" : "") + "}");
                    byIndex.add(level);
                }
            }
            // Written inline, not as variables: changeFromQuantity must be an explicit null, which our JSON omits.
            String mutation = "mutation StockSet {\n  inventorySetQuantities(input: {name: \"available\","
                    + " reason: \"correction\"" + (changeFrom ? "" : ", ignoreCompareQuantity: true")
                    + ", quantities: [" + String.join(", ", quantities) + "]})"
                    + (changeFrom ? " @idempotent(key: \"" + UUID.randomUUID() + "\")" : "")
                    + " {\n    inventoryAdjustmentGroup { id }\n    userErrors { field message code }\n  }\n}";
            ShopifyAdmin.Call set = admin.call(target, mutation, Map.of());
            if (set.result() != null) {
                pending.forEach(l -> results.put(l.sku(), set.result()));
                return;
            }
            Map<String, Object> payload = map(set.data().get("inventorySetQuantities"));
            List<?> errors = list(payload.get("userErrors"));
            if (errors.isEmpty()) {
                String group = text(map(payload.get("inventoryAdjustmentGroup")).get("id"));
                pending.forEach(l -> results.put(l.sku(), new PushResult.Done(group)));
                return;
            }
            // All or nothing: Shopify applied none. Refuse the SKUs an error points at; send the others again.
            List<String> general = new ArrayList<>();
            for (Object e : errors) {
                Map<String, Object> error = map(e);
                List<?> field = list(error.get("field"));
                String words = text(error.get("message")) + (error.get("code") == null ? "" : " (" + error.get("code") + ")");
                int index = field.size() >= 3 && "quantities".equals(String.valueOf(field.get(1)))
                        ? ChannelHttp.integer(field.get(2), -1) : -1;
                if (index >= 0 && index < byIndex.size()) {
                    results.put(byIndex.get(index).sku(), new PushResult.Refused(ChannelHttp.clean(
                            "Shopify refused the quantity of " + byIndex.get(index).sku() + ": " + words, secrets)));
                } else {
                    general.add(words);
                }
            }
            if (!general.isEmpty() || attempt == 1) {
                String words = general.isEmpty() ? "the quantities were refused" : String.join("; ", general);
                pending.stream().filter(l -> !results.containsKey(l.sku())).forEach(l -> results.put(l.sku(),
                        new PushResult.Refused(ChannelHttp.clean("Shopify refused the stock update: " + words, secrets))));
                return;
            }
            pending.removeIf(l -> results.containsKey(l.sku()));
        }
    }

    /** {@code sku:"A" OR sku:"B"}: each value quoted (Shopify's search syntax), quotes and backslashes escaped. */
    static String skuQuery(List<StockLevel> levels) {
        List<String> terms = new ArrayList<>();
        for (StockLevel l : levels) {
            terms.add("sku:\"" + l.sku().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return String.join(" OR ", terms);
    }

    /** The API version in the endpoint's path (…/admin/api/{version}/graphql.json); "unstable" sorts last. */
    static String version(URI endpoint) {
        String[] parts = endpoint.getPath().split("/");
        String v = parts.length >= 2 ? parts[parts.length - 2] : "";
        return "unstable".equals(v) ? "9999-99" : v;
    }
}
