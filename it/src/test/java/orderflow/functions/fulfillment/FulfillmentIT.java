package orderflow.functions.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.InventoryRequests;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.StockChange;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** Pick list, packing slip and pack check against the emulator. */
class FulfillmentIT {

    private final TestCloud cloud = TestCloud.get();
    private final GetPickListHandler pickList = new GetPickListHandler(cloud.adapters("GetPickListFunction"));
    private final GetPackingSlipHandler packingSlip = new GetPackingSlipHandler(cloud.adapters("GetPackingSlipFunction"));
    private final PackCheckHandler packCheck = new PackCheckHandler(cloud.adapters("PackCheckFunction"));
    private String seller;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("ful");
    }

    private void stock(String sku, String bin, String barcode) {
        new orderflow.shared.aws.DynamoInventory(cloud.dynamo, cloud.ref("InventoryTable"), cloud.ref("StockMovementsTable"))
                .put(seller, sku, new InventoryRequests.Put(1000, null, bin, barcode), 0, "test", Instant.now());
    }

    /** An UNSHIPPED order with these lines, its stock reserved. */
    @SuppressWarnings("unchecked")
    private Order unshipped(Map<String, Integer> lines, String buyerName) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "F-" + System.nanoTime());
        json.put("buyer", Map.of("name", buyerName, "email", "b@example.com"));
        Map<String, Object> shipTo = new java.util.HashMap<>((Map<String, Object>) (Map<?, ?>) json.get("shipTo"));
        shipTo.put("name", buyerName);
        json.put("shipTo", shipTo);
        List<Map<String, Object>> l = new ArrayList<>();
        lines.forEach((sku, q) -> l.add(Map.of("sku", sku, "title", "Item " + sku, "quantity", q, "unitPrice", "2.00")));
        json.put("lines", l);
        json.remove("total");
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, Instant.now());
        cloud.orders().createIfAbsent(order);
        List<StockChange> moves = new ArrayList<>();
        lines.forEach((sku, q) -> moves.add(new StockChange(sku, q, StockChange.Kind.RESERVE)));
        Instant now = Instant.now();
        assertEquals(Orders.Done.class, cloud.orders().apply(OrderChange.of(order, order.confirmed(now.plusSeconds(86_400),
                now.plusSeconds(5 * 86_400)), now, Actor.job("test"), "reserve", "test", moves)).getClass());
        return cloud.orders().get(order.orderId()).orElseThrow();
    }

    private static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, String seller, String orderId, Object body) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000003"));
        if (orderId != null) {
            event.setPathParameters(Map.of("orderId", orderId));
        }
        if (body != null) {
            event.setBody(Json.write(body));
        }
        return event;
    }

    @ParameterizedTest
    @Event(value = "events/get-pick-list.json", type = APIGatewayV2HTTPEvent.class)
    void pick_list_for_50_orders_groups_lines_by_sku_and_walks_the_bins_in_order(APIGatewayV2HTTPEvent event) {
        stock("MUG-BLUE", "A-10", null);
        stock("TEE-BLACK-L", "A-2", null);
        stock("CAP-RED", "B-1", null);
        int mugs = 0;
        for (int i = 0; i < 50; i++) {
            Map<String, Integer> lines = new java.util.LinkedHashMap<>();
            lines.put(i % 2 == 0 ? "MUG-BLUE" : "CAP-RED", 1 + i % 3);
            if (i % 5 == 0) {
                lines.put("TEE-BLACK-L", 1);
            }
            mugs += lines.getOrDefault("MUG-BLUE", 0);
            unshipped(lines, "Buyer " + i);
        }
        APIGatewayV2HTTPResponse r = pickList.handleRequest(as(event, seller, null, null), new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        Map<String, Object> list = Json.parseObject(r.getBody());
        assertEquals(50, list.get("orders"));
        List<?> lines = (List<?>) list.get("lines");
        assertEquals(List.of("TEE-BLACK-L", "MUG-BLUE", "CAP-RED"), lines.stream().map(l -> ((Map<?, ?>) l).get("sku")).toList());
        assertEquals(List.of("A-2", "A-10", "B-1"), lines.stream().map(l -> ((Map<?, ?>) l).get("binLocation")).toList());
        Map<?, ?> mug = (Map<?, ?>) lines.get(1);
        assertEquals(mugs, mug.get("quantity"));
        assertEquals(25, ((List<?>) mug.get("orders")).size());
    }

    @ParameterizedTest
    @Event(value = "events/pack-check.json", type = APIGatewayV2HTTPEvent.class)
    void pack_check_catches_a_wrong_item_and_records_a_passed_box(APIGatewayV2HTTPEvent event) {
        stock("MUG-BLUE", "A-1", "0012345678905");
        stock("CAP-RED", "B-1", "0099999999994");
        stock("TEE-BLACK-L", "C-1", null); // no barcode: the SKU is what gets scanned
        Order order = unshipped(Map.of("MUG-BLUE", 2, "TEE-BLACK-L", 1), "Ada");
        APIGatewayV2HTTPResponse wrong = packCheck.handleRequest(as(event, seller, order.orderId(),
                Map.of("scans", List.of("0012345678905", "0099999999994", "0012345678905"))), new TestContext());
        assertEquals(200, wrong.getStatusCode(), wrong.getBody());
        Map<String, Object> result = Json.parseObject(wrong.getBody());
        assertEquals(false, result.get("passed"));
        assertEquals(List.of("0099999999994"), result.get("wrong"));
        assertEquals(List.of(Map.of("sku", "TEE-BLACK-L", "expected", 1, "scanned", 0)), result.get("missing"));
        assertNull(cloud.orders().get(order.orderId()).orElseThrow().fulfillment().packCheckedAt());

        APIGatewayV2HTTPResponse good = packCheck.handleRequest(as(event, seller, order.orderId(),
                Map.of("scans", List.of("0012345678905", "TEE-BLACK-L", "0012345678905"))), new TestContext());
        assertEquals(true, Json.parseObject(good.getBody()).get("passed"), good.getBody());
        assertNotNull(cloud.orders().get(order.orderId()).orElseThrow().fulfillment().packCheckedAt());
        assertEquals("pack-check", cloud.orders().history(order.orderId(), 0, 10).getLast().action());
    }

    @ParameterizedTest
    @Event(value = "events/get-packing-slip.json", type = APIGatewayV2HTTPEvent.class)
    void packing_slip_is_printable_html_with_bins_and_escaped_buyer_text(APIGatewayV2HTTPEvent event) {
        stock("MUG-BLUE", "A-1", "0012345678905");
        Order order = unshipped(Map.of("MUG-BLUE", 2), "<script>alert(1)</script> Ada");
        APIGatewayV2HTTPResponse r = packingSlip.handleRequest(as(event, seller, order.orderId(), null),
                new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertTrue(r.getHeaders().get("content-type").startsWith("text/html"));
        assertTrue(r.getBody().contains("A-1") && r.getBody().contains("0012345678905"), r.getBody());
        assertFalse(r.getBody().contains("<script>alert"), "buyer text must be escaped");
        String intruder = cloud.newSeller("slip-intruder");
        APIGatewayV2HTTPResponse foreign = packingSlip.handleRequest(as(event, intruder, order.orderId(), null),
                new TestContext());
        assertEquals(404, foreign.getStatusCode());
    }
}
