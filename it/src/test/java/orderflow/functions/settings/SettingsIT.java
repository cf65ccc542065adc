package orderflow.functions.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.aws.DynamoStockPushes;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** GET and PATCH /v1/settings against the emulator, with events/patch-settings.json. */
class SettingsIT {

    private final TestCloud cloud = TestCloud.get();
    private final SettingsHandler handler = new SettingsHandler(cloud.adapters("SettingsFunction"));
    private final int year = LocalDate.now(ZoneOffset.UTC).getYear();

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event, String seller, String method, Object body) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000020"));
        event.getRequestContext().getHttp().setMethod(method);
        event.setBody(body == null ? null : body instanceof String text ? text : Json.write(body));
        return handler.handleRequest(event, new TestContext());
    }

    private Map<String, Object> read(APIGatewayV2HTTPEvent event, String seller) {
        APIGatewayV2HTTPResponse r = call(event, seller, "GET", null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.parseObject(r.getBody());
    }

    private static List<Object> ids(Map<String, Object> settings) {
        return ((List<?>) settings.get("storefronts")).stream().<Object>map(s -> ((Map<?, ?>) s).get("storefrontId"))
                .toList();
    }

    private Map<String, AttributeValue> sellerItem(String seller) {
        return cloud.dynamo.getItem(g -> g.tableName(cloud.ref("AccountsTable")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("SELLER#" + seller)))).item();
    }

    @ParameterizedTest
    @Event(value = "events/patch-settings.json", type = APIGatewayV2HTTPEvent.class)
    void a_new_seller_reads_its_defaults(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("set-defaults");
        Map<String, Object> s = read(event, seller);
        assertEquals(2, s.get("handlingDays"));
        assertEquals(5, s.get("transitDays"));
        assertEquals("UTC", s.get("timeZone"));
        assertEquals(21, s.get("unpaidCancelDays"));
        assertNull(s.get("cutoff"));
        assertNull(s.get("holidayCountry"));
        assertEquals(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), s.get("workingDays"));
        assertEquals(List.of(), s.get("holidaysAdded"));
        assertEquals("owner@" + seller + ".example", s.get("notifyEmail"));
        Map<?, ?> holidays = (Map<?, ?>) s.get("holidays");
        assertEquals(List.of(), holidays.get(Integer.toString(year)));
        assertTrue(holidays.containsKey(Integer.toString(year + 1)), "next year too: " + holidays);
        assertEquals(true, ((Map<?, ?>) s.get("returnPolicy")).get("default"));
        assertEquals("/v1/return-policy", ((Map<?, ?>) s.get("returnPolicy")).get("href"));
        assertEquals(List.of(), s.get("storefronts"));
        assertTrue(s.get("holidayCountries") instanceof List<?>, "the preset countries");
    }

    @ParameterizedTest
    @Event(value = "events/patch-settings.json", type = APIGatewayV2HTTPEvent.class)
    void a_change_is_stored_a_partial_change_keeps_the_rest_and_the_api_keys_stay(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("set-change");
        String key = cloud.admin().newApiKey(seller, "settings test", Instant.now());
        String added = year + "-12-24";
        APIGatewayV2HTTPResponse changed = call(event, seller, "PATCH", Json.parseObject(event.getBody()));
        assertEquals(200, changed.getStatusCode(), changed.getBody());
        Map<String, Object> answer = Json.parseObject(changed.getBody());
        assertEquals("14:00", answer.get("cutoff"));
        assertEquals(1, answer.get("handlingDays"));

        // as text: null removes replyTo (a JSON writer may leave null members out)
        String more = "{\"cutoff\":\"15:30\",\"timeZone\":\"Europe/Berlin\",\"holidaysAdded\":[\"" + added
                + "\"],\"replyTo\":null}";
        assertEquals(200, call(event, seller, "PATCH", more).getStatusCode());
        Map<String, Object> s = read(event, seller);
        assertEquals("15:30", s.get("cutoff"));
        assertEquals("Europe/Berlin", s.get("timeZone"));
        assertEquals(1, s.get("handlingDays"), "kept from the first change");
        assertEquals(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"), s.get("workingDays"));
        assertEquals(List.of(added), s.get("holidaysAdded"));
        assertNull(s.get("replyTo"));
        assertEquals("help@shop.example", s.get("supportContact"));
        List<?> thisYear = (List<?>) ((Map<?, ?>) s.get("holidays")).get(Integer.toString(year));
        assertTrue(thisYear.stream().anyMatch(d -> added.equals(((Map<?, ?>) d).get("date"))), "resolved: " + thisYear);
        assertEquals(1, sellerItem(seller).get("apiKeyHashes").ss().size(), "the API key is kept");
        assertEquals(List.of(orderflow.shared.security.ApiKeys.keyId(orderflow.shared.security.ApiKeys.hash(key))),
                cloud.admin().apiKeyIds(seller));

        assertEquals(200, call(event, seller, "PATCH", more).getStatusCode(), "the same change again");
        assertEquals(s, read(event, seller), "changes nothing");
    }

    @ParameterizedTest
    @Event(value = "events/patch-settings.json", type = APIGatewayV2HTTPEvent.class)
    void an_invalid_change_is_400_naming_every_field_and_writes_nothing(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("set-bad");
        Map<String, AttributeValue> before = sellerItem(seller);
        APIGatewayV2HTTPResponse r = call(event, seller, "PATCH", Map.of("handlingDays", 2, "cutoff", "25:00",
                "timeZone", "Mars/Olympus", "workingDays", List.of(), "unpaidCancelDays", 0,
                "notifyEmail", "nobody", "holidaysAdded", List.of("1999-01-01")));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("content-type"));
        for (String field : List.of("cutoff", "timeZone", "workingDays", "unpaidCancelDays", "notifyEmail",
                "holidaysAdded[0]")) {
            assertTrue(r.getBody().contains("\"" + field + "\""), field + " in " + r.getBody());
        }
        assertEquals(before, sellerItem(seller), "the valid handlingDays was not written either");
    }

    @ParameterizedTest
    @Event(value = "events/patch-settings.json", type = APIGatewayV2HTTPEvent.class)
    void another_sellers_settings_are_untouched(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("set-one");
        String other = cloud.newSeller("set-other");
        Map<String, AttributeValue> otherBefore = sellerItem(other);
        assertEquals(200, call(event, seller, "PATCH", Map.of("handlingDays", 9, "cutoff", "09:00")).getStatusCode());
        assertEquals(otherBefore, sellerItem(other));
        assertEquals(2, read(event, other).get("handlingDays"));
    }

    @ParameterizedTest
    @Event(value = "events/patch-settings.json", type = APIGatewayV2HTTPEvent.class)
    void a_seller_without_an_account_item_is_404_and_nothing_is_created(APIGatewayV2HTTPEvent event) {
        String ghost = "set-ghost-" + System.nanoTime();
        assertEquals(404, call(event, ghost, "GET", null).getStatusCode());
        assertEquals(404, call(event, ghost, "PATCH", Map.of("handlingDays", 1)).getStatusCode());
        assertTrue(sellerItem(ghost).isEmpty(), "no account item made by a change");
    }

    @ParameterizedTest
    @Event(value = "events/patch-settings.json", type = APIGatewayV2HTTPEvent.class)
    void storefronts_show_their_platform_link_latest_order_and_stock_push_failures(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("set-sf");
        String generic = seller + "-web";
        String shopify = seller + "-shopify";
        String legacy = seller + "-legacy";
        cloud.admin().putStorefront(generic, seller, "generic");
        cloud.admin().putStorefront(shopify, seller, "shopify", "shpss_test");
        cloud.admin().putChannelLink(new ChannelLink(shopify, ChannelLink.SHOPIFY, "http://127.0.0.1:9",
                Map.of("shopDomain", "set.myshopify.com"), Map.of("accessToken", "shpat_secret_never_shown")));
        // A storefront written before the seller's list existed, as older stacks hold it
        cloud.dynamo.putItem(p -> p.tableName(cloud.ref("AccountsTable")).item(Map.of(
                "pk", AttributeValue.fromS("STOREFRONT#" + legacy), "sellerId", AttributeValue.fromS(seller),
                "type", AttributeValue.fromS("woocommerce"))));
        // ...and one with a platform link: the seller's linked list (CHANNELS#) shows it at once
        String oldLinked = seller + "-old-linked";
        cloud.dynamo.putItem(p -> p.tableName(cloud.ref("AccountsTable")).item(Map.of(
                "pk", AttributeValue.fromS("STOREFRONT#" + oldLinked), "sellerId", AttributeValue.fromS(seller),
                "type", AttributeValue.fromS("woocommerce"))));
        cloud.admin().putChannelLink(new ChannelLink(oldLinked, ChannelLink.WOOCOMMERCE, "http://127.0.0.1:9",
                Map.of("siteUrl", "https://shop.example"), Map.of("consumerKey", "ck_x", "consumerSecret", "cs_x")));
        // another seller's storefront never shows here
        String stranger = cloud.newSeller("set-sf-other");
        cloud.admin().putStorefront(stranger + "-web", stranger, "generic");

        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "SET-" + System.nanoTime());
        cloud.orders().createIfAbsent(GenericOrderPayload.parse(json).toOrder(generic, seller, Instant.now()));
        var pushes = new DynamoStockPushes(cloud.dynamo, cloud.ref("InventoryTable"), cloud.ref("AccountsTable"),
                cloud.ref("ChannelSyncsTable"));
        pushes.record(seller, shopify, "MUG-BLUE", 3, new PushResult.Refused("inventory item not found"), Instant.now());
        pushes.record(seller, shopify, "TEE-BLACK-L", 4, new PushResult.Done("gid://shopify/InventoryLevel/1"),
                Instant.now());

        APIGatewayV2HTTPResponse r = call(event, seller, "GET", null);
        assertTrue(!r.getBody().contains("shpat_secret_never_shown") && !r.getBody().contains("shpss_test"),
                "no credential in " + r.getBody());
        Map<String, Object> settings = Json.parseObject(r.getBody());
        assertEquals(List.of(oldLinked, shopify, generic), ids(settings), "the unlinked older one is not listed yet");
        List<?> storefronts = (List<?>) settings.get("storefronts");
        Map<?, ?> shop = (Map<?, ?>) storefronts.get(1);
        Map<?, ?> web = (Map<?, ?>) storefronts.get(2);
        assertEquals("woocommerce", ((Map<?, ?>) storefronts.get(0)).get("writeBackPlatform"));
        assertEquals(shopify, shop.get("storefrontId"));
        assertEquals(true, shop.get("linked"));
        assertEquals("shopify", shop.get("writeBackPlatform"));
        assertEquals(1, shop.get("stockPushesFailed"));
        assertNotNull(shop.get("lastStockPushAt"));
        assertNull(shop.get("lastOrderAt"));
        assertEquals(generic, web.get("storefrontId"));
        assertEquals("generic", web.get("type"));
        assertEquals(false, web.get("linked"));
        assertNotNull(web.get("lastOrderAt"), "its order: " + web);

        assertTrue(cloud.admin().indexStorefronts() >= 4, "the operator lists the older storefronts");
        assertEquals(List.of(legacy, oldLinked, shopify, generic), ids(read(event, seller)));
    }
}
