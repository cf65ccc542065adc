package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;
import orderflow.shared.json.Json;
import orderflow.shared.ports.StockChannel;
import orderflow.shared.outbound.OutboundRules;

/**
 * Sets WooCommerce stock (REST API v3): the products and variations are found by SKU with
 * {@code GET /products?sku=a,b,...} (exact matches; variations come with their parent_id), then
 * {@code POST /products/batch} (simple products) and {@code POST /products/{id}/variations/batch}
 * (a variable product's variations) update {@code stock_quantity} with {@code manage_stock: true}
 * (WooCommerce drops a quantity on a product that does not manage stock), at most
 * {@value #BATCH_LIMIT} items per batch. A batch reports item failures inline.
 */
public final class WooCommerceStock implements StockChannel {

    /** WooCommerce's default woocommerce_rest_batch_items_limit. */
    static final int BATCH_LIMIT = 100;
    /** SKUs per lookup (comma-separated in the URL). */
    static final int SKUS_PER_LOOKUP = 50;

    private final ChannelHttp http;

    public WooCommerceStock(OutboundRules rules) {
        this(ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    WooCommerceStock(Duration requestTimeout, OutboundRules rules) {
        this.http = new ChannelHttp(requestTimeout, rules);
    }

    /** A product or variation found for a SKU: its id and, for a variation, its product's id. */
    private record Target(long id, Long parentId) {
    }

    @Override
    public Map<String, PushResult> setAvailable(ChannelLink link, List<StockLevel> levels) {
        String key = link.secret("consumerKey");
        String secret = link.secret("consumerSecret");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return StockResults.all(levels, new PushResult.Refused(
                    "The WooCommerce link has no consumer key and secret: reconnect the store."));
        }
        String api = WooCommerceChannel.api(link);
        if (api == null) {
            return StockResults.all(levels, new PushResult.Refused(
                    "The WooCommerce link has neither a base URL nor a valid siteUrl setting."));
        }
        String authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        List<String> secrets = List.of(key, secret, authorization.substring("Basic ".length()));
        Map<String, PushResult> results = new LinkedHashMap<>();
        try {
            Map<String, Target> targets = new LinkedHashMap<>();
            for (List<StockLevel> chunk : StockResults.chunks(levels, SKUS_PER_LOOKUP)) {
                List<String> skus = chunk.stream().map(StockLevel::sku).toList();
                ChannelHttp.Response found = send("GET", api + "/products?per_page=100&sku="
                        + URLEncoder.encode(String.join(",", skus), StandardCharsets.UTF_8), authorization, null);
                PushResult failed = failure(found, "finding the products by SKU", secrets);
                if (failed != null) {
                    StockResults.fill(results, levels, failed);
                    return results;
                }
                for (Object p : list(found.json())) {
                    Map<String, Object> product = map(p);
                    String sku = text(product.get("sku"));
                    long id = ChannelHttp.integer(product.get("id"), 0);
                    long parent = ChannelHttp.integer(product.get("parent_id"), 0);
                    boolean variation = "variation".equals(text(product.get("type"))) || parent > 0;
                    if (sku != null && skus.contains(sku) && id > 0) {
                        targets.put(sku, new Target(id, variation ? parent : null));
                    }
                }
            }
            Map<String, List<StockLevel>> byRoute = new LinkedHashMap<>();
            for (StockLevel level : levels) {
                Target t = targets.get(level.sku());
                if (t == null) {
                    results.put(level.sku(), new PushResult.Refused(ChannelHttp.clean("WooCommerce has no product or"
                            + " variation with SKU " + level.sku() + ".", secrets)));
                } else {
                    String route = t.parentId() == null ? "/products/batch" : "/products/" + t.parentId() + "/variations/batch";
                    byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(level);
                }
            }
            for (Map.Entry<String, List<StockLevel>> route : byRoute.entrySet()) {
                for (List<StockLevel> batch : StockResults.chunks(route.getValue(), BATCH_LIMIT)) {
                    update(api + route.getKey(), authorization, batch, targets, secrets, results);
                    if (results.values().stream().anyMatch(r -> r instanceof PushResult.Retry)) {
                        StockResults.fill(results, levels, new PushResult.Retry("Not sent: WooCommerce asked to wait."));
                        return results;
                    }
                }
            }
            return results;
        } catch (IOException e) {
            StockResults.fill(results, levels, new PushResult.Retry(ChannelHttp.clean("WooCommerce did not answer: "
                    + ChannelHttp.describe(e), secrets)));
            return results;
        }
    }

    private void update(String url, String authorization, List<StockLevel> batch, Map<String, Target> targets,
                        List<String> secrets, Map<String, PushResult> results) throws IOException {
        List<Object> updates = new ArrayList<>();
        Map<Long, String> skuById = new LinkedHashMap<>();
        for (StockLevel level : batch) {
            long id = targets.get(level.sku()).id();
            skuById.put(id, level.sku());
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", id);
            u.put("manage_stock", true);
            u.put("stock_quantity", level.available());
            updates.add(u);
        }
        ChannelHttp.Response r = send("POST", url, authorization, Json.write(Map.of("update", updates)));
        PushResult failed = failure(r, "updating the stock", secrets);
        if (failed != null) {
            batch.forEach(l -> results.put(l.sku(), failed));
            return;
        }
        for (Object o : list(map(r.json()).get("update"))) {
            Map<String, Object> item = map(o);
            String sku = skuById.get((long) ChannelHttp.integer(item.get("id"), 0));
            if (sku == null) {
                continue;
            }
            Map<String, Object> error = map(item.get("error"));
            if (error.isEmpty()) {
                results.put(sku, new PushResult.Done(String.valueOf(item.get("id"))));
            } else {
                int status = ChannelHttp.integer(map(error.get("data")).get("status"), 400);
                String words = ChannelHttp.clean("WooCommerce refused the stock of " + sku + ": "
                        + text(error.get("message")) + " (" + text(error.get("code")) + ")", secrets);
                results.put(sku, status == 429 || status >= 500 ? new PushResult.Retry(words)
                        : new PushResult.Refused(words));
            }
        }
        batch.forEach(l -> results.putIfAbsent(l.sku(), new PushResult.Retry(
                "WooCommerce answered the batch without this item: checked again next time.")));
    }

    private ChannelHttp.Response send(String method, String url, String authorization, String body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return http.send(method, URI.create(url), headers, body);
    }

    /** null for a 2xx; Retry for 408, 429 and 5xx; Refused with WooCommerce's {code, message} otherwise. */
    private static PushResult failure(ChannelHttp.Response r, String doing, List<String> secrets) {
        int status = r.status();
        if (status / 100 == 2) {
            return null;
        }
        Map<String, Object> error = map(r.json());
        String message = text(error.get("message"));
        String words = message == null ? ChannelHttp.snippet(r.body())
                : message + (error.get("code") == null ? "" : " (" + error.get("code") + ")");
        String text = ChannelHttp.clean("WooCommerce answered HTTP " + status + " while " + doing + ": " + words, secrets);
        if (status == 408 || status == 429 || status >= 500) {
            return new PushResult.Retry(text);
        }
        return new PushResult.Refused(status == 401 || status == 403 ? text + " (the consumer key needs Read/Write"
                + " permissions)" : text);
    }
}
