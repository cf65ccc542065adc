package orderflow.it.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import orderflow.shared.json.Json;

/**
 * A loopback stand-in for the WooCommerce REST API v3 ({@code /wp-json/wc/v3}), for pointing our
 * future WooCommerce sync client at (its "store URL" is {@link #baseUrl()}) and catching our
 * misreadings of the platform.
 *
 * <p>Written from the WooCommerce REST API documentation (woocommerce.github.io/woocommerce-rest-api-docs:
 * Introduction/Errors, Authentication, Orders, Order notes, Order refunds, Products, Product
 * variations). Where the documentation names no error code or status, the behaviour follows the
 * WooCommerce/WordPress REST server source (the controllers the docs link to); those places say so.
 *
 * <p>What it does, as WooCommerce does:
 * <ul>
 * <li>Authentication "over HTTPS": HTTP Basic with the consumer key and secret, or the
 * {@code consumer_key}/{@code consumer_secret} query parameters (which win when both are given).
 * A known key with a wrong secret is {@code 401 woocommerce_rest_authentication_error}; no
 * credentials or an unknown key means "not logged in", so each route's permission check answers
 * {@code 401 woocommerce_rest_cannot_view / _cannot_edit / _cannot_create / _cannot_batch}.
 * A read-only key cannot write (and a write-only key cannot read): 401. (Plain loopback HTTP is
 * accepted as if it were HTTPS; OAuth 1.0a for plain HTTP is not modelled.)</li>
 * <li>Errors are {@code {"code","message","data":{"status"}}}; a route that does not exist (or a
 * method it does not take) is {@code 404 rest_no_route}; a body sent as JSON that is not JSON is
 * {@code 400 rest_invalid_json}. A body is read as JSON only when it says
 * {@code Content-Type: application/json} (or as a form when form-encoded); any other body is
 * ignored, as WordPress ignores it.</li>
 * <li>Parameters are validated the WordPress way ({@code 400 rest_invalid_param} with
 * {@code data.params} and {@code data.details}; {@code 400 rest_missing_callback_param}); types are
 * strict: {@code amount} on a refund must be a JSON string, {@code stock_quantity} an integer
 * (or an integral numeric string), booleans {@code true/false} (or "true"/"false"/"1"/"0"/1/0).</li>
 * <li>Orders: {@code GET /orders/{id}} (404 {@code woocommerce_rest_shop_order_invalid_id});
 * {@code PUT|POST|PATCH /orders/{id}} changes {@code status} (any documented status may follow any
 * other; an unknown id on update is 400 with the same code, as the CRUD controller answers).
 * Moving an order to processing, completed or on-hold reduces stock of managed products once;
 * moving it to cancelled or pending gives it back (WooCommerce's order-status stock hooks).
 * Every status change adds the system note "Order status changed from X to Y."; setting
 * {@code refunded} by hand records a refund of whatever remains (reason "Order fully refunded.",
 * no gateway call), as WooCommerce's refunded-status hook does, so a later refund call for the
 * same money fails.</li>
 * <li>Order notes: {@code POST /orders/{id}/notes} ({@code note} mandatory, {@code customer_note},
 * {@code added_by_user}) answers 201 with the note; {@code GET} lists them.</li>
 * <li>Refunds: {@code POST /orders/{id}/refunds} with {@code amount} (string; computed from the
 * line items when absent), {@code reason}, {@code line_items [{id, quantity, refund_total,
 * refund_tax [{id, refund_total}]}]} ({@code id} is the order's line item id; unknown ids are
 * skipped silently, as WooCommerce does), {@code api_refund} and {@code api_restock} (both default
 * true). A negative amount is 400 {@code woocommerce_rest_invalid_order_refund}; more than the
 * remaining refundable amount is 500 {@code woocommerce_rest_cannot_create_order_refund}
 * "Invalid refund amount."; a full refund moves the order to {@code refunded}. With
 * {@link #gatewaySupportsRefunds(boolean) gatewaySupportsRefunds(false)}, {@code api_refund: true}
 * fails as it does for gateways without automatic refunds.</li>
 * <li>Products and variations share one id space, as posts do. {@code GET /products?sku=a,b}
 * matches SKUs exactly and, when filtering by SKU, returns variations too (type
 * {@code variation}, {@code parent_id}). {@code PUT /products/{id}} and
 * {@code PUT /products/{id}/variations/{vid}} take {@code stock_quantity}, {@code manage_stock},
 * {@code stock_status}, {@code sku}, {@code name}, {@code regular_price}. {@code stock_quantity}
 * only sticks when the product manages stock after the update (send {@code manage_stock: true}
 * with it); otherwise WooCommerce silently clears it. A variation's id on the product route is
 * 404 {@code woocommerce_rest_invalid_product_id}. A duplicated SKU is 400
 * {@code product_invalid_sku}.</li>
 * <li>Batches: {@code POST|PUT|PATCH /products/batch} and {@code /products/{id}/variations/batch}
 * with {@code create}, {@code update}, {@code delete}; more than 100 items in all is
 * {@code 413 woocommerce_rest_request_entity_too_large}; item failures come back inline as
 * {@code {"id", "error": {code, message, data}}} in a 200.</li>
 * </ul>
 *
 * <p>Test hooks: {@link #failNext(int, int)} (a WordPress host failing: 500 as WordPress's own
 * "critical error" JSON, 502/504 as an nginx HTML page, 503 as the WordPress maintenance page
 * with {@code Retry-After}), {@link #calls()} (every request, with its parsed body and the status
 * answered), and read access to orders, notes, refunds and stock.
 */
public final class FakeWooCommerce implements AutoCloseable {

    public static final String CONSUMER_KEY = "ck_4f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5";
    public static final String CONSUMER_SECRET = "cs_0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a392817";
    public static final String API_PREFIX = "/wp-json/wc/v3";
    /** The order statuses the documentation lists for {@code status}. */
    public static final List<String> ORDER_STATUSES = List.of(
            "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "trash");
    /** WooCommerce's default {@code woocommerce_rest_batch_items_limit}. */
    public static final int BATCH_LIMIT = 100;

    /** How an injected failure's body looks. */
    public enum FailureBody { WORDPRESS_JSON, HTML }

    /** A seeded order line. {@code variationId} 0 for a simple product; totals as decimal strings. */
    public record LineItem(long id, long productId, long variationId, String sku, int quantity, String total) {
    }

    /** One request as received: path from the server root, query, parsed body (map, or raw text), status answered. */
    public record Call(String method, String path, Map<String, String> query, Object body, int status) {
    }

    private static final List<String> STOCK_STATUSES = List.of("instock", "outofstock", "onbackorder");
    private static final List<String> BACKORDERS = List.of("no", "notify", "yes");
    private static final List<String> PRODUCT_TYPES = List.of("simple", "grouped", "external", "variable");
    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    /** Products and variations (one id space, as WordPress posts). */
    private final Map<Long, Item> items = new TreeMap<>();
    private final Map<Long, Order> orders = new TreeMap<>();
    private long nextId = 20_000;
    private int failuresLeft;
    private int failureStatus;
    private FailureBody failureBody;
    private String keyPermissions = "read_write";
    private boolean gatewayRefunds = true;

    /** Starts on 127.0.0.1 with the default catalogue and orders (see {@link #seedDefaults()}). */
    public FakeWooCommerce() throws IOException {
        this(true);
    }

    /** Starts with no products and no orders. */
    public static FakeWooCommerce empty() throws IOException {
        return new FakeWooCommerce(false);
    }

    private FakeWooCommerce(boolean seed) throws IOException {
        if (seed) {
            seedDefaults();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * The default data: products 101 (simple, MUG-BLUE, managed, 10 in stock), 102 (simple,
     * STICKER-PACK, not managed), 200 (variable, TEE) with variations 201 (TEE-S, managed, 4) and
     * 202 (TEE-M, not managed); order 5001 (processing, stock already reduced: line 11 = 2 x
     * MUG-BLUE for 24.00, line 12 = 1 x TEE-S for 25.00, total 49.00) and order 5002 (pending:
     * line 21 = 3 x STICKER-PACK for 9.00).
     */
    public synchronized void seedDefaults() {
        putProduct(101, "simple", "MUG-BLUE", true, 10);
        putProduct(102, "simple", "STICKER-PACK", false, null);
        putProduct(200, "variable", "TEE", false, null);
        putVariation(200, 201, "TEE-S", true, 4);
        putVariation(200, 202, "TEE-M", false, null);
        putOrder(5001, "processing", "EUR", List.of(
                new LineItem(11, 101, 0, "MUG-BLUE", 2, "24.00"),
                new LineItem(12, 200, 201, "TEE-S", 1, "25.00")), true);
        putOrder(5002, "pending", "EUR", List.of(new LineItem(21, 102, 0, "STICKER-PACK", 3, "9.00")), false);
    }

    // ------------------------------------------------------------------ set-up and inspection

    /** Adds or replaces a product ({@code simple}, {@code variable}, {@code grouped} or {@code external}). */
    public synchronized void putProduct(long id, String type, String sku, boolean manageStock, Integer stockQuantity) {
        Item p = new Item(id, 0, type, sku);
        p.manageStock = manageStock;
        p.stockQuantity = manageStock ? stockQuantity : null;
        items.put(id, p);
        nextId = Math.max(nextId, id + 1);
    }

    /** Adds or replaces a variation of a variable product. */
    public synchronized void putVariation(long parentId, long id, String sku, boolean manageStock, Integer stockQuantity) {
        Item parent = items.get(parentId);
        if (parent == null || !parent.type.equals("variable")) {
            throw new IllegalArgumentException("no variable product " + parentId);
        }
        Item v = new Item(id, parentId, "variation", sku);
        v.manageStock = manageStock;
        v.stockQuantity = manageStock ? stockQuantity : null;
        items.put(id, v);
        nextId = Math.max(nextId, id + 1);
    }

    /** Adds or replaces an order; {@code stockReduced} says whether WooCommerce already took its lines out of stock. */
    public synchronized void putOrder(long id, String status, String currency, List<LineItem> lines, boolean stockReduced) {
        Order o = new Order(id, status, currency);
        for (LineItem l : lines) {
            o.lines.add(new Line(l.id(), l.productId(), l.variationId(), l.sku(), l.quantity(), new BigDecimal(l.total())));
            nextId = Math.max(nextId, l.id() + 1);
        }
        o.stockReduced = stockReduced;
        orders.put(id, o);
        nextId = Math.max(nextId, id + 1);
    }

    /** The site URL our client is configured with (the API is under {@link #API_PREFIX}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@link #baseUrl()} plus {@code /wp-json/wc/v3}. */
    public String apiUrl() {
        return baseUrl() + API_PREFIX;
    }

    /** The next {@code n} requests (any route, before authentication) fail with this status, body chosen by status. */
    public synchronized void failNext(int n, int status) {
        failNext(n, status, status == 500 ? FailureBody.WORDPRESS_JSON : FailureBody.HTML);
    }

    public synchronized void failNext(int n, int status, FailureBody body) {
        failuresLeft = n;
        failureStatus = status;
        failureBody = body;
    }

    /** The key's permissions: {@code read}, {@code write} or {@code read_write} (default). */
    public synchronized void keyPermissions(String permissions) {
        if (!List.of("read", "write", "read_write").contains(permissions)) {
            throw new IllegalArgumentException(permissions);
        }
        keyPermissions = permissions;
    }

    /** Whether the orders' payment gateway supports automatic refunds (what {@code api_refund: true} needs). */
    public synchronized void gatewaySupportsRefunds(boolean supported) {
        gatewayRefunds = supported;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    /** The order as {@code GET /orders/{id}} shows it, or null. */
    public synchronized Map<String, Object> order(long id) {
        Order o = orders.get(id);
        return o == null ? null : orderJson(o);
    }

    public synchronized List<Map<String, Object>> notes(long orderId) {
        return List.copyOf(orders.get(orderId).notes);
    }

    public synchronized List<Map<String, Object>> refunds(long orderId) {
        return List.copyOf(orders.get(orderId).refunds);
    }

    /** The product or variation as the API shows it, or null. */
    public synchronized Map<String, Object> product(long id) {
        Item i = items.get(id);
        return i == null ? null : itemJson(i);
    }

    /** A product's or variation's {@code stock_quantity} (null when it does not manage stock). */
    public synchronized Integer stockOf(long id) {
        return items.get(id).stockQuantity;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------ model

    private static final class Item {
        final long id;
        final long parentId;
        final String type;
        String name;
        String sku;
        String status = "publish";
        String regularPrice = "10.00";
        boolean manageStock;
        Integer stockQuantity;
        String stockStatus = "instock";
        String backorders = "no";

        Item(long id, long parentId, String type, String sku) {
            this.id = id;
            this.parentId = parentId;
            this.type = type;
            this.sku = sku == null ? "" : sku;
            this.name = sku == null ? "Product " + id : sku;
        }
    }

    private record Line(long id, long productId, long variationId, String sku, int quantity, BigDecimal total) {
    }

    private static final class Order {
        final long id;
        String status;
        final String currency;
        final List<Line> lines = new ArrayList<>();
        final List<Map<String, Object>> notes = new ArrayList<>();
        final List<Map<String, Object>> refunds = new ArrayList<>();
        boolean stockReduced;
        BigDecimal refunded = BigDecimal.ZERO;
        final String created = now();
        String modified = created;

        Order(long id, String status, String currency) {
            this.id = id;
            this.status = status;
            this.currency = currency;
        }

        BigDecimal total() {
            return lines.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** A WordPress REST error: {@code {code, message, data: {status, ...}}}. */
    private static final class WpError extends RuntimeException {
        final int status;
        final Map<String, Object> body;

        WpError(int status, String code, String message) {
            this(status, code, message, Map.of());
        }

        WpError(int status, String code, String message, Map<String, Object> extraData) {
            super(code, null, false, false);
            this.status = status;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("status", status);
            data.putAll(extraData);
            body = new LinkedHashMap<>();
            body.put("code", code);
            body.put("message", message);
            body.put("data", data);
        }

        Map<String, Object> inline() {
            return body;
        }
    }

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response json(int status, Object value) {
            return json(status, value, Map.of());
        }

        static Response json(int status, Object value, Map<String, String> headers) {
            return new Response(status, "application/json; charset=UTF-8",
                    JsonOut.write(value).getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    // ------------------------------------------------------------------ HTTP plumbing

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = x.getRequestURI().getPath();
        Map<String, String> query = parseForm(x.getRequestURI().getRawQuery());
        byte[] raw = x.getRequestBody().readAllBytes();
        String contentType = x.getRequestHeaders().getFirst("Content-Type");
        String authorization = x.getRequestHeaders().getFirst("Authorization");
        Response response;
        synchronized (this) {
            try {
                if (failuresLeft > 0) {
                    failuresLeft--;
                    response = injectedFailure();
                } else {
                    response = route(method, path, query, raw, contentType, authorization);
                }
            } catch (WpError e) {
                response = Response.json(e.status, e.body);
            } catch (RuntimeException e) {
                response = Response.json(500, new WpError(500, "internal_server_error", String.valueOf(e)).body);
            }
            calls.add(new Call(method, path, query, recordedBody(raw, contentType), response.status()));
        }
        response.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
        if (response.contentType() != null) {
            x.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        x.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private Response injectedFailure() {
        if (failureBody == FailureBody.WORDPRESS_JSON) {
            Map<String, Object> body = new WpError(failureStatus, "internal_server_error",
                    "<p>There has been a critical error on this website.</p>"
                            + "<p><a href=\"https://wordpress.org/documentation/article/faq-troubleshooting/\">"
                            + "Learn more about troubleshooting WordPress.</a></p>").body;
            body.put("additional_errors", List.of());
            return Response.json(failureStatus, body);
        }
        String html;
        Map<String, String> headers = Map.of();
        switch (failureStatus) {
            case 503 -> {
                html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Maintenance</title></head>"
                        + "<body><p>Briefly unavailable for scheduled maintenance. Check back in a minute.</p></body></html>";
                headers = Map.of("Retry-After", "600");
            }
            case 502 -> html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                    + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            case 504 -> html = "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n"
                    + "<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            default -> html = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head><title>"
                    + failureStatus + " Error</title></head><body><h1>Internal Server Error</h1>"
                    + "<p>The server encountered an internal error or misconfiguration and was unable to complete your request.</p>"
                    + "</body></html>\n";
        }
        return new Response(failureStatus, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static final Pattern ORDER = Pattern.compile("/orders/(\\d+)");
    private static final Pattern ORDER_NOTES = Pattern.compile("/orders/(\\d+)/notes");
    private static final Pattern ORDER_REFUNDS = Pattern.compile("/orders/(\\d+)/refunds");
    private static final Pattern PRODUCTS = Pattern.compile("/products");
    private static final Pattern PRODUCTS_BATCH = Pattern.compile("/products/batch");
    private static final Pattern PRODUCT = Pattern.compile("/products/(\\d+)");
    private static final Pattern VARIATIONS = Pattern.compile("/products/(\\d+)/variations");
    private static final Pattern VARIATIONS_BATCH = Pattern.compile("/products/(\\d+)/variations/batch");
    private static final Pattern VARIATION = Pattern.compile("/products/(\\d+)/variations/(\\d+)");

    private Response route(String method, String path, Map<String, String> query, byte[] raw,
                           String contentType, String authorization) {
        // WordPress checks authentication before it looks for a route.
        boolean authenticated = authenticate(method, query, authorization);
        if (!path.startsWith(API_PREFIX + "/")) {
            throw noRoute();
        }
        String route = path.substring(API_PREFIX.length());
        if (route.length() > 1 && route.endsWith("/")) {
            route = route.substring(0, route.length() - 1);
        }
        boolean read = method.equals("GET");
        boolean edit = method.equals("PUT") || method.equals("POST") || method.equals("PATCH");
        boolean create = method.equals("POST");
        Matcher m;
        if ((m = ORDER.matcher(route)).matches() && (read || edit)) {
            long id = Long.parseLong(m.group(1));
            Map<String, Object> params = params(query, raw, contentType);
            return read ? getOrder(authenticated, id) : updateOrder(authenticated, id, params);
        }
        if ((m = ORDER_NOTES.matcher(route)).matches() && (read || create)) {
            long id = Long.parseLong(m.group(1));
            Map<String, Object> params = params(query, raw, contentType);
            return read ? listNotes(authenticated, id) : createNote(authenticated, id, params);
        }
        if ((m = ORDER_REFUNDS.matcher(route)).matches() && (read || create)) {
            long id = Long.parseLong(m.group(1));
            Map<String, Object> params = params(query, raw, contentType);
            return read ? listRefunds(authenticated, id) : createRefund(authenticated, id, params);
        }
        if (PRODUCTS.matcher(route).matches() && (read || create)) {
            Map<String, Object> params = params(query, raw, contentType);
            return read ? listProducts(authenticated, params) : createProductRoute(authenticated, params, 0);
        }
        if (PRODUCTS_BATCH.matcher(route).matches() && edit) {
            return batch(authenticated, params(query, raw, contentType), 0);
        }
        if ((m = PRODUCT.matcher(route)).matches() && (read || edit)) {
            long id = Long.parseLong(m.group(1));
            Map<String, Object> params = params(query, raw, contentType);
            return read ? getProduct(authenticated, id) : updateProductRoute(authenticated, id, params);
        }
        if ((m = VARIATIONS_BATCH.matcher(route)).matches() && edit) {
            return batch(authenticated, params(query, raw, contentType), Long.parseLong(m.group(1)));
        }
        if ((m = VARIATIONS.matcher(route)).matches() && (read || create)) {
            long parent = Long.parseLong(m.group(1));
            Map<String, Object> params = params(query, raw, contentType);
            return read ? listVariations(authenticated, parent) : createProductRoute(authenticated, params, parent);
        }
        if ((m = VARIATION.matcher(route)).matches() && (read || edit)) {
            long parent = Long.parseLong(m.group(1));
            long id = Long.parseLong(m.group(2));
            Map<String, Object> params = params(query, raw, contentType);
            return read ? getVariation(authenticated, parent, id) : updateVariationRoute(authenticated, parent, id, params);
        }
        throw noRoute();
    }

    /** True when the request carries the key and secret; throws for a known key with a wrong secret or a key lacking the permission. */
    private boolean authenticate(String method, Map<String, String> query, String authorization) {
        String key = null;
        String secret = null;
        if (notEmpty(query.get("consumer_key")) && notEmpty(query.get("consumer_secret"))) {
            key = query.get("consumer_key");
            secret = query.get("consumer_secret");
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                key = decoded.substring(0, colon);
                secret = decoded.substring(colon + 1);
            }
        }
        if (!notEmpty(key) || !notEmpty(secret) || !CONSUMER_KEY.equals(key)) {
            return false; // not logged in: the route's permission check refuses
        }
        if (!CONSUMER_SECRET.equals(secret)) {
            throw new WpError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");
        }
        boolean reading = method.equals("GET") || method.equals("HEAD");
        if (reading && keyPermissions.equals("write")) {
            throw new WpError(401, "woocommerce_rest_authentication_error", "The API key provided does not have read permissions.");
        }
        if (!reading && keyPermissions.equals("read")) {
            throw new WpError(401, "woocommerce_rest_authentication_error", "The API key provided does not have write permissions.");
        }
        return true;
    }

    private static void permit(boolean authenticated, String code, String message) {
        if (!authenticated) {
            throw new WpError(401, code, message);
        }
    }

    private static WpError noRoute() {
        return new WpError(404, "rest_no_route", "No route was found matching the URL and request method");
    }

    /** Query parameters overlaid by the body (JSON when sent as JSON, a form when form-encoded, else nothing). */
    private static Map<String, Object> params(Map<String, String> query, byte[] raw, String contentType) {
        Map<String, Object> params = new LinkedHashMap<>(query);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String text = new String(raw, StandardCharsets.UTF_8);
        if (isJson(type)) {
            if (!text.isBlank()) {
                Map<String, Object> body;
                try {
                    body = Json.parseObject(text);
                } catch (RuntimeException e) {
                    throw new WpError(400, "rest_invalid_json", "Invalid JSON body passed.",
                            Map.of("json_error_code", 4, "json_error_message", "Syntax error"));
                }
                params.putAll(body);
            }
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            params.putAll(parseForm(text));
        }
        return params;
    }

    private static boolean isJson(String type) {
        return type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*");
    }

    private static Object recordedBody(byte[] raw, String contentType) {
        if (raw.length == 0) {
            return null;
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return parseForm(text);
        }
        try {
            return Json.parseObject(text);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    // ------------------------------------------------------------------ parameter validation (WordPress REST)

    private static WpError invalidParam(String param, String code, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", code);
        detail.put("message", message);
        detail.put("data", null);
        return new WpError(400, "rest_invalid_param", "Invalid parameter(s): " + param,
                mapOf("params", mapOf(param, message), "details", mapOf(param, detail)));
    }

    private static WpError notOfType(String param, String type) {
        return invalidParam(param, "rest_invalid_type", param + " is not of type " + type + ".");
    }

    private static void checkEnum(Map<String, Object> params, String param, List<String> allowed) {
        if (!params.containsKey(param)) {
            return;
        }
        Object v = params.get(param);
        if (!(v instanceof String s)) {
            throw notOfType(param, "string");
        }
        if (!allowed.contains(s)) {
            throw invalidParam(param, "rest_not_in_enum", param + " is not one of " + wpList(allowed) + ".");
        }
    }

    private static String wpList(List<String> values) {
        if (values.size() == 2) {
            return values.get(0) + " and " + values.get(1);
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + ", and " + values.get(values.size() - 1);
    }

    private static void checkString(Map<String, Object> params, String param) {
        if (params.containsKey(param) && !(params.get(param) instanceof String)) {
            throw notOfType(param, "string");
        }
    }

    private static void checkBoolean(Map<String, Object> params, String param) {
        if (params.containsKey(param) && wpBoolean(params.get(param)) == null) {
            throw notOfType(param, "boolean");
        }
    }

    private static void checkInteger(Map<String, Object> params, String param) {
        if (params.containsKey(param) && wpInteger(params.get(param)) == null) {
            throw notOfType(param, "integer");
        }
    }

    /** rest_is_boolean: true/false, "true"/"false"/"1"/"0" (any case), 1/0; null when not a boolean. */
    private static Boolean wpBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> null;
            };
        }
        if (v instanceof Integer i && (i == 0 || i == 1)) {
            return i == 1;
        }
        return null;
    }

    /** rest_is_integer: an integral number or numeric string; null otherwise. */
    private static Long wpInteger(Object v) {
        BigDecimal d;
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            d = new BigDecimal(n.toString());
        } else if (v instanceof String s) {
            try {
                d = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static boolean bool(Map<String, Object> params, String param, boolean fallback) {
        Boolean b = params.containsKey(param) ? wpBoolean(params.get(param)) : null;
        return b == null ? fallback : b;
    }

    // ------------------------------------------------------------------ orders

    private Response getOrder(boolean authenticated, long id) {
        permit(authenticated, "woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.");
        Order o = orders.get(id);
        if (o == null) {
            throw new WpError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
        }
        return Response.json(200, orderJson(o));
    }

    private Response updateOrder(boolean authenticated, long id, Map<String, Object> params) {
        checkEnum(params, "status", ORDER_STATUSES);
        checkString(params, "customer_note");
        checkString(params, "transaction_id");
        permit(authenticated, "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.");
        Order o = orders.get(id);
        if (o == null) {
            throw new WpError(400, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
        }
        if (params.get("status") instanceof String status && !status.equals(o.status)) {
            changeStatus(o, status);
        }
        o.modified = now();
        return Response.json(200, orderJson(o));
    }

    private void changeStatus(Order o, String to) {
        String from = o.status;
        o.status = to;
        addNote(o, "Order status changed from " + statusName(from) + " to " + statusName(to) + ".", false, "system");
        if (List.of("processing", "completed", "on-hold").contains(to) && !o.stockReduced) {
            for (Line l : o.lines) {
                adjustStock(l, -l.quantity());
            }
            o.stockReduced = true;
        } else if (List.of("cancelled", "pending").contains(to) && o.stockReduced) {
            for (Line l : o.lines) {
                adjustStock(l, l.quantity());
            }
            o.stockReduced = false;
        }
        if (to.equals("refunded")) {
            // wc_order_fully_refunded: setting "refunded" by hand records a refund of what remains (no gateway call)
            BigDecimal remaining = o.total().subtract(o.refunded);
            if (remaining.signum() > 0) {
                recordRefund(o, remaining, "Order fully refunded.", false, List.of());
                addNote(o, "Order status set to refunded. To return funds to the customer you will need to issue "
                        + "a refund through your payment gateway.", false, "system");
            }
        }
    }

    private static String statusName(String status) {
        return switch (status) {
            case "pending" -> "Pending payment";
            case "on-hold" -> "On hold";
            default -> Character.toUpperCase(status.charAt(0)) + status.substring(1);
        };
    }

    /** The item whose stock an order line moves: the variation when it manages stock, else its parent when that does. */
    private Item stockTarget(Line l) {
        Item item = items.get(l.variationId() != 0 ? l.variationId() : l.productId());
        if (item == null) {
            return null;
        }
        if (item.manageStock) {
            return item;
        }
        Item parent = item.parentId != 0 ? items.get(item.parentId) : null;
        return parent != null && parent.manageStock ? parent : null;
    }

    private Integer[] adjustStock(Line l, int delta) {
        Item target = stockTarget(l);
        if (target == null) {
            return null;
        }
        int before = target.stockQuantity == null ? 0 : target.stockQuantity;
        target.stockQuantity = before + delta;
        return new Integer[] {(int) target.id, before, target.stockQuantity};
    }

    private Map<String, Object> addNote(Order o, String text, boolean customerNote, String author) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("id", nextId++);
        note.put("author", author);
        String when = now();
        note.put("date_created", when);
        note.put("date_created_gmt", when);
        note.put("note", text);
        note.put("customer_note", customerNote);
        o.notes.add(0, note); // newest first, as WooCommerce lists them
        return note;
    }

    private Response listNotes(boolean authenticated, long id) {
        permit(authenticated, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        Order o = orders.get(id);
        if (o == null) {
            throw new WpError(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.");
        }
        return Response.json(200, o.notes);
    }

    private Response createNote(boolean authenticated, long id, Map<String, Object> params) {
        if (!params.containsKey("note") || params.get("note") == null) {
            throw new WpError(400, "rest_missing_callback_param", "Missing parameter(s): note",
                    Map.of("params", List.of("note")));
        }
        checkString(params, "note");
        checkBoolean(params, "customer_note");
        checkBoolean(params, "added_by_user");
        permit(authenticated, "woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.");
        Order o = orders.get(id);
        if (o == null) {
            throw new WpError(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.");
        }
        String text = (String) params.get("note");
        if (text.isEmpty()) {
            throw new WpError(500, "woocommerce_api_cannot_create_order_note", "Cannot create order note, please try again.");
        }
        Map<String, Object> note = addNote(o, text, bool(params, "customer_note", false),
                bool(params, "added_by_user", false) ? "admin" : "system");
        return Response.json(201, note, Map.of("Location",
                apiUrl() + "/orders/" + id + "/notes/" + note.get("id")));
    }

    private Response listRefunds(boolean authenticated, long id) {
        permit(authenticated, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        Order o = orders.get(id);
        if (o == null) {
            throw new WpError(404, "woocommerce_rest_invalid_order_id", "Invalid order ID.");
        }
        return Response.json(200, o.refunds);
    }

    private Response createRefund(boolean authenticated, long id, Map<String, Object> params) {
        checkString(params, "amount");
        checkString(params, "reason");
        checkBoolean(params, "api_refund");
        checkBoolean(params, "api_restock");
        permit(authenticated, "woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.");
        Order o = orders.get(id);
        if (o == null) {
            throw new WpError(404, "woocommerce_rest_invalid_order_id", "Invalid order ID.");
        }
        // Line items by order line id (WooCommerce turns the documented list into this; unknown ids are skipped).
        Map<Line, Object[]> refunded = new LinkedHashMap<>();
        BigDecimal fromLines = BigDecimal.ZERO;
        boolean linesComputable = true;
        if (params.get("line_items") instanceof List<?> list) {
            for (Object e : list) {
                if (!(e instanceof Map<?, ?> li)) {
                    linesComputable = false;
                    continue;
                }
                Long lineId = wpInteger(li.get("id"));
                int qty = li.get("quantity") == null ? 0 : wpInteger(li.get("quantity")) == null ? 0
                        : wpInteger(li.get("quantity")).intValue();
                BigDecimal total = decimal(li.get("refund_total"));
                BigDecimal tax = BigDecimal.ZERO;
                if (li.get("refund_tax") instanceof List<?> taxes) {
                    for (Object t : taxes) {
                        BigDecimal amt = t instanceof Map<?, ?> tm ? decimal(tm.get("refund_total")) : null;
                        if (amt == null) {
                            linesComputable = false;
                        } else {
                            tax = tax.add(amt);
                        }
                    }
                }
                if (total == null) {
                    linesComputable = false;
                } else {
                    fromLines = fromLines.add(total).add(tax);
                }
                Line line = lineId == null ? null
                        : o.lines.stream().filter(l -> l.id() == lineId).findFirst().orElse(null);
                if (line != null && (qty != 0 || (total != null && total.signum() != 0) || tax.signum() != 0)) {
                    refunded.put(line, new Object[] {qty, total == null ? BigDecimal.ZERO : total, tax});
                }
            }
        }
        BigDecimal amount;
        if (params.containsKey("amount")) {
            try {
                amount = new BigDecimal(((String) params.get("amount")).trim());
            } catch (NumberFormatException e) {
                throw new WpError(500, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.");
            }
        } else {
            amount = linesComputable && !refunded.isEmpty() ? fromLines : BigDecimal.ZERO;
        }
        if (amount.signum() < 0) {
            throw new WpError(400, "woocommerce_rest_invalid_order_refund", "Refund amount must be greater than zero.");
        }
        BigDecimal remaining = o.total().subtract(o.refunded);
        if (amount.compareTo(remaining) > 0) {
            throw new WpError(500, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.");
        }
        boolean apiRefund = bool(params, "api_refund", true);
        if (apiRefund && !gatewayRefunds) {
            throw new WpError(500, "woocommerce_rest_cannot_create_order_refund",
                    "The payment gateway for this order does not support automatic refunds.");
        }
        List<Map<String, Object>> refundLines = new ArrayList<>();
        for (Map.Entry<Line, Object[]> e : refunded.entrySet()) {
            Line l = e.getKey();
            int qty = (int) e.getValue()[0];
            BigDecimal total = ((BigDecimal) e.getValue()[1]).negate();
            BigDecimal tax = ((BigDecimal) e.getValue()[2]).negate();
            Map<String, Object> li = new LinkedHashMap<>();
            li.put("id", nextId++);
            li.put("name", nameOf(l));
            li.put("product_id", l.productId());
            li.put("variation_id", l.variationId());
            li.put("quantity", -qty);
            li.put("tax_class", "");
            li.put("subtotal", money(total));
            li.put("subtotal_tax", money(tax));
            li.put("total", money(total));
            li.put("total_tax", money(tax));
            li.put("taxes", List.of());
            li.put("meta_data", List.of(mapOf("id", nextId++, "key", "_refunded_item_id",
                    "value", String.valueOf(l.id()), "display_key", "_refunded_item_id",
                    "display_value", String.valueOf(l.id()))));
            li.put("sku", l.sku());
            li.put("price", qty == 0 ? 0 : total.divide(BigDecimal.valueOf(qty), 2, RoundingMode.HALF_UP));
            refundLines.add(li);
        }
        Map<String, Object> refund = recordRefund(o, amount, params.get("reason") instanceof String r ? r : "",
                apiRefund, refundLines);
        if (bool(params, "api_restock", true) && o.stockReduced) {
            for (Map.Entry<Line, Object[]> e : refunded.entrySet()) {
                int qty = (int) e.getValue()[0];
                if (qty > 0) {
                    Integer[] moved = adjustStock(e.getKey(), qty);
                    if (moved != null) {
                        addNote(o, "Item #" + moved[0] + " stock increased from " + moved[1] + " to " + moved[2] + ".",
                                false, "system");
                    }
                }
            }
        }
        if (remaining.subtract(amount).signum() <= 0 && !o.status.equals("refunded")) {
            changeStatus(o, "refunded");
        }
        o.modified = now();
        return Response.json(201, refund, Map.of("Location", apiUrl() + "/orders/" + o.id + "/refunds/" + refund.get("id")));
    }

    private Map<String, Object> recordRefund(Order o, BigDecimal amount, String reason, boolean refundedPayment,
                                             List<Map<String, Object>> lines) {
        String when = now();
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", nextId++);
        refund.put("date_created", when);
        refund.put("date_created_gmt", when);
        refund.put("amount", money(amount));
        refund.put("reason", reason);
        refund.put("refunded_by", 1);
        refund.put("refunded_payment", refundedPayment);
        refund.put("meta_data", List.of());
        refund.put("line_items", lines);
        refund.put("shipping_lines", List.of());
        refund.put("tax_lines", List.of());
        refund.put("fee_lines", List.of());
        o.refunds.add(0, refund);
        o.refunded = o.refunded.add(amount);
        return refund;
    }

    private String nameOf(Line l) {
        Item i = items.get(l.variationId() != 0 ? l.variationId() : l.productId());
        return i == null ? l.sku() : i.name;
    }

    private Map<String, Object> orderJson(Order o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id);
        m.put("parent_id", 0);
        m.put("status", o.status);
        m.put("currency", o.currency);
        m.put("date_created", o.created);
        m.put("date_created_gmt", o.created);
        m.put("date_modified", o.modified);
        m.put("date_modified_gmt", o.modified);
        m.put("discount_total", "0.00");
        m.put("shipping_total", "0.00");
        m.put("total", money(o.total()));
        m.put("total_tax", "0.00");
        m.put("payment_method", "bacs");
        m.put("payment_method_title", "Direct bank transfer");
        m.put("customer_note", "");
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Line l : o.lines) {
            Map<String, Object> li = new LinkedHashMap<>();
            li.put("id", l.id());
            li.put("name", nameOf(l));
            li.put("product_id", l.productId());
            li.put("variation_id", l.variationId());
            li.put("quantity", l.quantity());
            li.put("tax_class", "");
            li.put("subtotal", money(l.total()));
            li.put("subtotal_tax", "0.00");
            li.put("total", money(l.total()));
            li.put("total_tax", "0.00");
            li.put("taxes", List.of());
            li.put("meta_data", List.of());
            li.put("sku", l.sku());
            li.put("price", l.quantity() == 0 ? 0
                    : l.total().divide(BigDecimal.valueOf(l.quantity()), 2, RoundingMode.HALF_UP));
            lines.add(li);
        }
        m.put("line_items", lines);
        m.put("tax_lines", List.of());
        m.put("shipping_lines", List.of());
        m.put("fee_lines", List.of());
        m.put("coupon_lines", List.of());
        List<Map<String, Object>> refunds = new ArrayList<>();
        for (Map<String, Object> r : o.refunds) {
            refunds.add(mapOf("id", r.get("id"), "reason", r.get("reason"), "total", "-" + r.get("amount")));
        }
        m.put("refunds", refunds);
        m.put("meta_data", List.of());
        return m;
    }

    // ------------------------------------------------------------------ products and variations

    private Response listProducts(boolean authenticated, Map<String, Object> params) {
        checkString(params, "sku");
        checkEnum(params, "type", PRODUCT_TYPES);
        checkInteger(params, "per_page");
        checkInteger(params, "page");
        long perPage = params.containsKey("per_page") ? wpInteger(params.get("per_page")) : 10;
        if (perPage < 1 || perPage > 100) {
            throw invalidParam("per_page", "rest_out_of_bounds", "per_page must be between 1 (inclusive) and 100 (inclusive)");
        }
        long page = params.containsKey("page") ? wpInteger(params.get("page")) : 1;
        if (page < 1) {
            throw invalidParam("page", "rest_out_of_bounds", "page must be greater than or equal to 1");
        }
        permit(authenticated, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        String sku = (String) params.get("sku");
        List<String> skus = new ArrayList<>();
        if (sku != null && !sku.isEmpty()) {
            skus.addAll(List.of(sku.split(",")));
            if (skus.size() > 1) {
                skus.add(sku); // WooCommerce matches the whole string as a SKU too
            }
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (Item i : items.values()) {
            boolean variation = i.type.equals("variation");
            if (skus.isEmpty() ? variation : !skus.contains(i.sku)) {
                continue;
            }
            if (params.get("type") instanceof String t && !t.equals(i.type)) {
                continue;
            }
            found.add(itemJson(i));
        }
        return page(found, perPage, page);
    }

    private static Response page(List<Map<String, Object>> all, long perPage, long page) {
        int from = (int) Math.min(all.size(), (page - 1) * perPage);
        int to = (int) Math.min(all.size(), from + perPage);
        long pages = (all.size() + perPage - 1) / perPage;
        return Response.json(200, all.subList(from, to),
                Map.of("X-WP-Total", String.valueOf(all.size()), "X-WP-TotalPages", String.valueOf(pages)));
    }

    private Response getProduct(boolean authenticated, long id) {
        permit(authenticated, "woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.");
        Item i = items.get(id);
        if (i == null) {
            throw new WpError(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
        }
        return Response.json(200, itemJson(i));
    }

    private Response listVariations(boolean authenticated, long parentId) {
        permit(authenticated, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        List<Map<String, Object>> found = new ArrayList<>();
        for (Item i : items.values()) {
            if (i.parentId == parentId) {
                found.add(itemJson(i));
            }
        }
        return page(found, 10, 1);
    }

    private Response getVariation(boolean authenticated, long parentId, long id) {
        permit(authenticated, "woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.");
        Item i = items.get(id);
        if (i == null || i.parentId != parentId) {
            throw new WpError(404, "woocommerce_rest_product_variation_invalid_id", "Invalid ID.");
        }
        return Response.json(200, itemJson(i));
    }

    private Response updateProductRoute(boolean authenticated, long id, Map<String, Object> params) {
        validateProductParams(params, false);
        permit(authenticated, "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.");
        return Response.json(200, updateItem(id, 0, params));
    }

    private Response updateVariationRoute(boolean authenticated, long parentId, long id, Map<String, Object> params) {
        validateProductParams(params, true);
        permit(authenticated, "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.");
        return Response.json(200, updateItem(id, parentId, params));
    }

    private Response createProductRoute(boolean authenticated, Map<String, Object> params, long parentId) {
        validateProductParams(params, parentId != 0);
        permit(authenticated, "woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.");
        Map<String, Object> created = createItem(params, parentId);
        String location = parentId == 0 ? apiUrl() + "/products/" + created.get("id")
                : apiUrl() + "/products/" + parentId + "/variations/" + created.get("id");
        return Response.json(201, created, Map.of("Location", location));
    }

    private static void validateProductParams(Map<String, Object> params, boolean variation) {
        checkString(params, "sku");
        checkString(params, "name");
        checkString(params, "regular_price");
        checkInteger(params, "stock_quantity");
        if (variation && "parent".equals(params.get("manage_stock"))) {
            // a variation may say its parent manages stock
        } else {
            checkBoolean(params, "manage_stock");
        }
        checkEnum(params, "stock_status", STOCK_STATUSES);
        checkEnum(params, "backorders", BACKORDERS);
        if (!variation) {
            checkEnum(params, "type", PRODUCT_TYPES);
        }
    }

    /** parentId 0: the products route (a variation id there is refused); else the variations route of that parent. */
    private Map<String, Object> updateItem(long id, long parentId, Map<String, Object> params) {
        Item i = items.get(id);
        if (parentId == 0) {
            if (i == null) {
                throw new WpError(400, "woocommerce_rest_product_invalid_id", "Invalid ID.");
            }
            if (i.type.equals("variation")) {
                throw new WpError(404, "woocommerce_rest_invalid_product_id",
                        "To manipulate product variations you should use the /products/<product_id>/variations/<id> endpoint.");
            }
        } else if (i == null || i.parentId != parentId) {
            throw new WpError(400, "woocommerce_rest_product_variation_invalid_id", "Invalid ID.");
        }
        apply(i, params);
        return itemJson(i);
    }

    private Map<String, Object> createItem(Map<String, Object> params, long parentId) {
        if (params.get("id") != null && wpInteger(params.get("id")) != null && wpInteger(params.get("id")) != 0) {
            String type = parentId == 0 ? "product" : "product_variation";
            throw new WpError(400, "woocommerce_rest_" + type + "_exists", "Cannot create existing " + type + ".");
        }
        if (parentId != 0) {
            Item parent = items.get(parentId);
            if (parent == null || !parent.type.equals("variable")) {
                throw new WpError(404, "woocommerce_rest_product_invalid_id", "Invalid product ID.");
            }
        }
        String type = parentId != 0 ? "variation"
                : params.get("type") instanceof String t ? t : "simple";
        Item i = new Item(nextId++, parentId, type, null);
        if (params.get("name") instanceof String n) {
            i.name = n;
        }
        apply(i, params);
        items.put(i.id, i);
        return itemJson(i);
    }

    /** Applies the writable fields the way the products/variations controllers do. */
    private void apply(Item i, Map<String, Object> params) {
        if (params.get("sku") instanceof String sku) {
            if (!sku.isEmpty() && items.values().stream().anyMatch(o -> o.id != i.id && o.sku.equals(sku))) {
                throw new WpError(400, "product_invalid_sku", "Invalid or duplicated SKU.");
            }
            i.sku = sku;
        }
        if (params.get("name") instanceof String n) {
            i.name = n;
        }
        if (params.get("regular_price") instanceof String p) {
            i.regularPrice = p;
        }
        if (params.containsKey("manage_stock")) {
            Object ms = params.get("manage_stock");
            i.manageStock = !"parent".equals(ms) && Boolean.TRUE.equals(wpBoolean(ms));
        }
        if (params.get("backorders") instanceof String b) {
            i.backorders = b;
        }
        if (i.manageStock) {
            if (params.containsKey("stock_quantity")) {
                i.stockQuantity = wpInteger(params.get("stock_quantity")).intValue();
            } else if (i.stockQuantity == null) {
                i.stockQuantity = 0;
            }
        } else {
            // WooCommerce: not managing stock clears the quantity, whatever was sent
            i.stockQuantity = null;
            if (params.get("stock_status") instanceof String s) {
                i.stockStatus = s;
            }
        }
    }

    private Map<String, Object> itemJson(Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id);
        m.put("name", i.name);
        m.put("type", i.type);
        m.put("status", i.status);
        m.put("sku", i.sku);
        m.put("price", i.regularPrice);
        m.put("regular_price", i.regularPrice);
        m.put("sale_price", "");
        Item parent = i.parentId != 0 ? items.get(i.parentId) : null;
        if (i.type.equals("variation") && !i.manageStock && parent != null && parent.manageStock) {
            m.put("manage_stock", "parent");
        } else {
            m.put("manage_stock", i.manageStock);
        }
        m.put("stock_quantity", i.stockQuantity);
        m.put("stock_status", stockStatus(i));
        m.put("backorders", i.backorders);
        m.put("parent_id", i.parentId);
        if (i.type.equals("variable")) {
            List<Long> children = new ArrayList<>();
            for (Item c : items.values()) {
                if (c.parentId == i.id) {
                    children.add(c.id);
                }
            }
            m.put("variations", children);
        } else if (!i.type.equals("variation")) {
            m.put("variations", List.of());
        }
        return m;
    }

    private static String stockStatus(Item i) {
        if (!i.manageStock) {
            return i.stockStatus;
        }
        if (i.stockQuantity != null && i.stockQuantity > 0) {
            return "instock";
        }
        return i.backorders.equals("no") ? "outofstock" : "onbackorder";
    }

    private Response batch(boolean authenticated, Map<String, Object> params, long parentId) {
        for (String key : List.of("create", "update", "delete")) {
            if (params.containsKey(key) && !(params.get(key) instanceof List)) {
                throw notOfType(key, "array");
            }
        }
        permit(authenticated, "woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource.");
        if (parentId != 0 && (items.get(parentId) == null || !items.get(parentId).type.equals("variable"))) {
            throw new WpError(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
        }
        int total = 0;
        for (String key : List.of("create", "update", "delete")) {
            if (params.get(key) instanceof List<?> l) {
                total += l.size();
            }
        }
        if (total > BATCH_LIMIT) {
            throw new WpError(413, "woocommerce_rest_request_entity_too_large",
                    "Unable to accept more than " + BATCH_LIMIT + " items for this request.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (params.get("create") instanceof List<?> list && !list.isEmpty()) {
            List<Object> results = new ArrayList<>();
            for (Object e : list) {
                try {
                    Map<String, Object> item = asObject(e);
                    validateProductParams(item, parentId != 0);
                    results.add(createItem(item, parentId));
                } catch (WpError err) {
                    results.add(mapOf("id", 0, "error", err.inline()));
                }
            }
            out.put("create", results);
        }
        if (params.get("update") instanceof List<?> list && !list.isEmpty()) {
            List<Object> results = new ArrayList<>();
            for (Object e : list) {
                Object id = e instanceof Map<?, ?> m ? m.get("id") : null;
                try {
                    Map<String, Object> item = asObject(e);
                    validateProductParams(item, parentId != 0);
                    Long itemId = wpInteger(item.get("id"));
                    results.add(updateItem(itemId == null ? 0 : itemId, parentId, item));
                } catch (WpError err) {
                    results.add(mapOf("id", id, "error", err.inline()));
                }
            }
            out.put("update", results);
        }
        if (params.get("delete") instanceof List<?> list && !list.isEmpty()) {
            List<Object> results = new ArrayList<>();
            for (Object e : list) {
                Long id = wpInteger(e);
                if (id == null || id == 0) {
                    continue;
                }
                Item i = items.get(id);
                boolean belongs = i != null && (parentId == 0 ? !i.type.equals("variation") : i.parentId == parentId);
                if (!belongs) {
                    String code = parentId == 0 ? "woocommerce_rest_product_invalid_id"
                            : "woocommerce_rest_product_variation_invalid_id";
                    results.add(mapOf("id", id, "error", new WpError(404, code, "Invalid ID.").inline()));
                    continue;
                }
                results.add(itemJson(i));
                items.remove(id);
                items.values().removeIf(c -> c.parentId == id);
            }
            out.put("delete", results);
        }
        return Response.json(200, out.isEmpty() ? List.of() : out);
    }

    private static Map<String, Object> asObject(Object e) {
        if (!(e instanceof Map<?, ?> m)) {
            throw new WpError(400, "rest_invalid_param", "Invalid parameter(s): item");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    // ------------------------------------------------------------------ small helpers

    private static BigDecimal decimal(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(WP_DATE);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A JSON writer that keeps null members (WooCommerce answers {@code "stock_quantity": null}). */
    static final class JsonOut {
        private JsonOut() {
        }

        static String write(Object value) {
            StringBuilder sb = new StringBuilder();
            write(sb, value);
            return sb.toString();
        }

        private static void write(StringBuilder sb, Object v) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String s) {
                string(sb, s);
            } else if (v instanceof BigDecimal d) {
                sb.append(d.toPlainString());
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof Map<?, ?> m) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            } else if (v instanceof Collection<?> c) {
                sb.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, o);
                }
                sb.append(']');
            } else {
                string(sb, v.toString());
            }
        }

        private static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
