package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.json.Json;
import orderflow.shared.outbound.OutboundRules;

/**
 * One shop's GraphQL Admin API (POST {shop}/admin/api/{version}/graphql.json, header
 * X-Shopify-Access-Token) and how its answers map onto PushResult: THROTTLED, INTERNAL_SERVER_ERROR,
 * 429, 5xx and no answer at all are Retry; 401/403/404/3xx, ACCESS_DENIED and every other GraphQL
 * error are Refused with Shopify's words (secrets removed). Shared by every Shopify call.
 */
final class ShopifyAdmin {

    private final ChannelHttp http;

    ShopifyAdmin(Duration requestTimeout, OutboundRules rules) {
        this.http = new ChannelHttp(requestTimeout, rules);
    }

    /** Where and as whom to call, for one order; scopes: the access scopes the calls need (named in refusals). */
    record Target(URI endpoint, String version, String token, List<String> secrets, String orderGid, String scopes) {
    }

    /** A Target, or why none can be made (nothing is sent then). */
    record Opened(Target target, PushResult refusal) {
    }

    static Opened open(ChannelLink link, String externalOrderId, String scopes) {
        String token = link.secret("accessToken");
        if (token == null || token.isBlank()) {
            return new Opened(null, new PushResult.Refused("The Shopify link has no access token: reconnect the store."));
        }
        URI endpoint = endpoint(link);
        if (endpoint == null) {
            return new Opened(null, new PushResult.Refused(
                    "The Shopify link has neither a base URL nor a valid shopDomain setting."));
        }
        if (externalOrderId == null || externalOrderId.isBlank()) {
            return new Opened(null, new PushResult.Refused("The order has no Shopify order id."));
        }
        return new Opened(new Target(endpoint, apiVersion(link), token, List.of(token), gid("Order", externalOrderId),
                scopes), null);
    }

    /** The link's apiVersion setting when it has Shopify's form (YYYY-MM or unstable), else the default. */
    static String apiVersion(ChannelLink link) {
        String version = link.setting("apiVersion");
        return version != null && version.matches("\\d{4}-\\d{2}|unstable") ? version : ShopifyChannel.DEFAULT_API_VERSION;
    }

    /** True when version is than or newer; unstable is newer than every dated version. */
    static boolean atLeast(String version, String than) {
        return ("unstable".equals(version) ? "9999-99" : version).compareTo(than) >= 0;
    }

    /** link.baseUrl(), else https:// + shopDomain (a bare host name, nothing else). */
    static URI endpoint(ChannelLink link) {
        String base = link.baseUrl();
        if (base == null || base.isBlank()) {
            String shop = link.setting("shopDomain");
            if (shop == null || !shop.strip().matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                return null;
            }
            base = "https://" + shop.strip();
        }
        base = base.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(base + "/admin/api/" + apiVersion(link) + "/graphql.json");
            return uri.getScheme() != null && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String gid(String type, String id) {
        String prefix = "gid://shopify/" + type + "/";
        String s = id.strip();
        return s.startsWith(prefix) ? s : prefix + s;
    }

    /** One GraphQL exchange: data, or the result to give up with (throttled, refused, failed). */
    record Call(Map<String, Object> data, PushResult result) {

        /** data.order; empty when Shopify has no such order (or none this app may see). */
        Map<String, Object> order() {
            return map(data.get("order"));
        }
    }

    static PushResult unknownOrder(Target target) {
        return new PushResult.Refused("Shopify has no order " + target.orderGid() + " that this app can see (deleted,"
                + " another shop, or older than 60 days without the read_all_orders scope).");
    }

    Call call(Target target, String query, Map<String, Object> variables) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Shopify-Access-Token", target.token());
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        ChannelHttp.Response r;
        try {
            r = http.send("POST", target.endpoint(), headers, Json.write(Map.of("query", query, "variables", variables)));
        } catch (IOException e) {
            return new Call(null, new PushResult.Retry(ChannelHttp.clean("Shopify did not answer: "
                    + ChannelHttp.describe(e), target.secrets())));
        }
        return answer(target, r);
    }

    private static Call answer(Target target, ChannelHttp.Response r) {
        List<String> secrets = target.secrets();
        Map<String, Object> body = map(r.json());
        if (r.status() == 429 || r.status() >= 500) {
            String retryAfter = r.header("Retry-After");
            return new Call(null, new PushResult.Retry(ChannelHttp.clean("Shopify answered HTTP " + r.status()
                    + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")") + ": " + errorText(body, r.body()),
                    secrets)));
        }
        if (r.status() == 401) {
            return new Call(null, new PushResult.Refused("Shopify refused the access token (401): check the app's"
                    + " token and its " + target.scopes() + " scopes."));
        }
        if (r.status() == 403) {
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify refused the call (403): the app"
                    + " needs the " + target.scopes() + " scopes. " + errorText(body, r.body()), secrets)));
        }
        if (r.status() == 404) {
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify has no Admin API at "
                    + target.endpoint() + " (404): check the shop domain and the API version.", secrets)));
        }
        if (r.status() / 100 == 3) {
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify redirected the call (" + r.status()
                    + ") to " + r.header("Location") + ": check the shop domain.", secrets)));
        }
        if (r.status() / 100 != 2) {
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify refused the call (HTTP "
                    + r.status() + "): " + errorText(body, r.body()), secrets)));
        }
        if (body.isEmpty()) {
            return new Call(null, new PushResult.Retry("Shopify answered HTTP " + r.status() + " without a JSON body."));
        }
        List<?> errors = list(body.get("errors"));
        if (errors.isEmpty()) {
            return new Call(map(body.get("data")), null);
        }
        boolean throttled = false;
        boolean internal = false;
        boolean denied = false;
        List<String> messages = new ArrayList<>();
        for (Object e : errors) {
            Map<String, Object> error = map(e);
            String code = text(map(error.get("extensions")).get("code"));
            throttled |= "THROTTLED".equals(code);
            internal |= "INTERNAL_SERVER_ERROR".equals(code);
            denied |= "ACCESS_DENIED".equals(code);
            String message = text(error.get("message"));
            messages.add((message == null ? "error" : message) + (code == null ? "" : " (" + code + ")"));
        }
        String joined = String.join("; ", messages);
        if (throttled) {
            return new Call(null, new PushResult.Retry(ChannelHttp.clean("Shopify throttled the call: " + joined
                    + throttleStatus(body), secrets)));
        }
        if (internal) {
            return new Call(null, new PushResult.Retry(ChannelHttp.clean("Shopify failed the call: " + joined, secrets)));
        }
        return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify refused the call: " + joined
                + (denied ? " (the app needs the " + target.scopes() + " scopes)" : ""), secrets)));
    }

    /**
     * A mutation payload's userErrors (or orderCancelUserErrors) as "field.path: message" texts; empty
     * when there are none.
     */
    static List<String> userErrors(Map<String, Object> payload, String name) {
        List<String> texts = new ArrayList<>();
        for (Object e : list(payload.get(name))) {
            Map<String, Object> error = map(e);
            List<?> field = list(error.get("field"));
            String message = text(error.get("message"));
            texts.add((field.isEmpty() ? "" : String.join(".", field.stream().map(String::valueOf).toList()) + ": ")
                    + (message == null ? "invalid" : message));
        }
        return texts;
    }

    /** Refused with Shopify's words: "Shopify refused the {what}: a; b". */
    static PushResult refusedFor(Target target, String what, List<String> userErrors) {
        return new PushResult.Refused(ChannelHttp.clean("Shopify refused the " + what + ": "
                + String.join("; ", userErrors), target.secrets()));
    }

    private static String throttleStatus(Map<String, Object> body) {
        Map<String, Object> status = map(map(map(body.get("extensions")).get("cost")).get("throttleStatus"));
        if (status.isEmpty()) {
            return "";
        }
        return " (currently available " + status.get("currentlyAvailable") + " of " + status.get("maximumAvailable")
                + ", restore rate " + status.get("restoreRate") + "/s)";
    }

    /** Shopify's error text: {"errors": "..."} or {"errors": [{"message": ...}]} or {"errors": {...}}. */
    private static String errorText(Map<String, Object> body, String raw) {
        Object errors = body.get("errors");
        if (errors instanceof String s) {
            return s;
        }
        if (errors instanceof List<?> l && !l.isEmpty()) {
            List<String> messages = new ArrayList<>();
            for (Object e : l) {
                String m = e instanceof Map<?, ?> ? text(map(e).get("message")) : text(e);
                if (m != null) {
                    messages.add(m);
                }
            }
            return String.join("; ", messages);
        }
        if (errors instanceof Map<?, ?> m && !m.isEmpty()) {
            return String.valueOf(m);
        }
        return ChannelHttp.snippet(raw);
    }
}
