package orderflow.functions.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.actions.CancelOrderHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.it.Fixtures;
import orderflow.it.QueuePump;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.InventoryRequests;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import orderflow.shared.service.InventoryQueryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files in, results out, against the emulator: the file goes to S3 by the presigned PUT, processing
 * is queued and pumped through ProcessUploadFunction, the result file comes back by its presigned
 * link. Shipping rows become the API's shipments (grouped by order and tracking number), bad rows are
 * listed with their line and reason, the same file again changes nothing, and a run cut short by its
 * deadline resumes where it stopped.
 */
class UploadsIT {

    private static final String HEADER = "order-id\torder-item-id\tsku\tquantity\tship-date\tcarrier-code\tcarrier-name"
            + "\ttracking-number\tship-method\n";

    private final TestCloud cloud = TestCloud.get();
    private final UploadsHandler uploads = new UploadsHandler(cloud.adapters("UploadsFunction"));
    private final HttpClient http = HttpClient.newHttpClient();
    String seller;
    String today;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("upl");
        today = Instant.now().toString().substring(0, 10);
        Fixtures.drain(cloud.sqs, cloud.ref("UploadQueue"));
    }

    @Test
    void a_shipping_file_ships_every_good_package_lists_each_bad_row_and_changes_nothing_when_uploaded_again()
            throws Exception {
        List<Order> orders = orders(60);
        new CancelOrderHandler(cloud.adapters("CancelOrderFunction")).handleRequest(
                request("POST", Map.of("orderId", orders.get(59).orderId()), Map.of("reason", "OUT_OF_STOCK")),
                new TestContext());
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 30; i++) { // the platform's order id, no item: the whole order in one package
            file.append(row(orders.get(i).externalOrderId(), "", "", "", today, "Other", "Evri", "EV" + i + "A"));
        }
        for (int i = 30; i < 50; i++) { // our id, one row per line, one tracking number: one package
            file.append(row(orders.get(i).orderId(), "", "MUG-BLUE", "2", today, "Other", "Evri", "EV" + i + "A"));
            file.append(row(orders.get(i).orderId(), "", "TEE-BLACK-L", "1", today, "Other", "Evri", "EV" + i + "A"));
        }
        for (int i = 50; i < 55; i++) { // two packages of one order: a mug first, then the rest
            file.append(row(orders.get(i).orderId(), "", "MUG-BLUE", "1", today, "Other", "Evri", "EV" + i + "A"));
            file.append(row(orders.get(i).orderId(), "", "MUG-BLUE", "1", today, "Other", "Evri", "EV" + i + "B"));
            file.append(row(orders.get(i).orderId(), "", "TEE-BLACK-L", "1", today, "Other", "Evri", "EV" + i + "B"));
        }
        int good = 30 + 40 + 15;
        Map<Integer, String> bad = new LinkedHashMap<>();
        int line = good + 2;
        bad.put(line++, "unknown order");
        file.append(row("999-0000000-0000000", "", "", "", today, "Other", "Evri", "EVX1"));
        bad.put(line++, "bad tracking");
        file.append(row(orders.get(55).orderId(), "", "", "", today, "UPS", "", "1Z999AA10123456785"));
        bad.put(line++, "ship-date");
        file.append(row(orders.get(56).orderId(), "", "", "", "2026-13-45", "Other", "Evri", "EVX3"));
        bad.put(line++, "ship-date");
        file.append(row(orders.get(57).orderId(), "", "", "", "2099-01-01", "Other", "Evri", "EVX4"));
        bad.put(line++, "at most 2 can ship");
        file.append(row(orders.get(58).orderId(), "", "MUG-BLUE", "5", today, "Other", "Evri", "EVX5"));
        bad.put(line++, "CANCELED");
        file.append(row(orders.get(59).orderId(), "", "", "", today, "Other", "Evri", "EVX6"));
        bad.put(line++, "quantity must be a whole number");
        file.append(row(orders.get(55).orderId(), "", "MUG-BLUE", "two", today, "Other", "Evri", "EVX7"));
        bad.put(line++, "order-id is required");
        file.append(row("", "", "", "", today, "Other", "Evri", "EVX8"));
        bad.put(line++, "not in this order");
        file.append(row(orders.get(56).orderId(), "", "NOPE", "1", today, "Other", "Evri", "EVX9"));
        bad.put(line++, "tracking-number is required");
        file.append(row(orders.get(57).orderId(), "", "", "", today, "Other", "Evri", ""));
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));

        Map<String, Object> first = uploadAndProcess("shipping-confirmations", "confirm.txt", file.toString(),
                ProcessUploadHandler.RESERVE_MILLIS);
        assertEquals("DONE", first.get("status"), String.valueOf(first));
        assertEquals(good + bad.size(), first.get("rowsTotal"));
        assertEquals(good + bad.size(), first.get("rowsDone"));
        assertEquals(good, first.get("accepted"));
        assertEquals(bad.size(), first.get("rejected"));
        for (int i = 0; i < 55; i++) {
            Order o = cloud.orders().get(orders.get(i).orderId()).orElseThrow();
            assertEquals("SHIPPED", o.status().name(), "order " + i);
            assertEquals(i < 50 ? 1 : 2, o.fulfillment().shipments().size(), "order " + i);
        }
        assertEquals("UNSHIPPED", cloud.orders().get(orders.get(58).orderId()).orElseThrow().status().name());
        assertEquals(60, Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).size(), "one shipped email per package");

        Map<Integer, String[]> result = result((String) first.get("resultUrl"));
        assertEquals(good + bad.size(), result.size(), "a line per row");
        bad.forEach((l, reason) -> {
            assertEquals("rejected", result.get(l)[1], "line " + l);
            assertTrue(result.get(l)[2].contains(reason), "line " + l + ": " + result.get(l)[2]);
        });
        assertEquals("accepted", result.get(2)[1]);
        assertEquals(orders.get(0).orderId(), result.get(2)[3], "the platform's id found our order");
        assertEquals(result.get(32)[4], result.get(33)[4], "two rows, one package, one shipment");

        Map<String, Long> versions = new HashMap<>();
        orders.forEach(o -> versions.put(o.orderId(), cloud.orders().get(o.orderId()).orElseThrow().version()));
        Map<String, Object> again = uploadAndProcess("shipping-confirmations", "confirm.txt", file.toString(),
                ProcessUploadHandler.RESERVE_MILLIS);
        assertEquals(0, again.get("accepted"));
        assertEquals(good, again.get("unchanged"));
        assertEquals(bad.size(), again.get("rejected"));
        orders.forEach(o -> assertEquals(versions.get(o.orderId()),
                cloud.orders().get(o.orderId()).orElseThrow().version(), "no change to " + o.orderId()));
        assertEquals(List.of(), Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")), "no email twice");
    }

    @Test
    void a_run_cut_short_by_its_deadline_resumes_where_it_stopped_with_the_same_result() throws Exception {
        List<Order> orders = orders(6);
        StringBuilder file = new StringBuilder(HEADER.replace('\t', ','));
        for (int i = 0; i < 6; i++) {
            file.append(row(orders.get(i).orderId(), "", "", "", today, "Other", "Evri", "CUT" + i).replace('\t', ','));
        }
        // A reserve longer than any invocation: every run does one package, saves and queues the rest.
        Map<String, Object> done = uploadAndProcess("shipping-confirmations", "cut.csv", file.toString(), 3_600_000);
        assertEquals("DONE", done.get("status"));
        assertEquals(6, done.get("accepted"));
        Map<Integer, String[]> result = result((String) done.get("resultUrl"));
        for (int l = 2; l <= 7; l++) {
            assertEquals("accepted", result.get(l)[1], "line " + l);
        }
        orders.forEach(o -> assertEquals(1, cloud.orders().get(o.orderId()).orElseThrow().fulfillment().shipments()
                .size()));
    }

    @Test
    void a_stock_count_file_sets_counts_once_and_a_recount_to_the_same_number_logs_no_movement() throws Exception {
        String file = "sku,quantity,bin,low-stock-threshold\nCNT-A,12,A-01,3\nCNT-B,5,,\nCNT-C,-4,,\nCNT-A,9,,\n";
        Map<String, Object> first = uploadAndProcess("stock-counts", "counts.csv", file, ProcessUploadHandler.RESERVE_MILLIS);
        assertEquals(2, first.get("accepted"));
        assertEquals(2, first.get("rejected"));
        Map<Integer, String[]> result = result((String) first.get("resultUrl"));
        assertTrue(result.get(4)[2].startsWith("quantity must be a whole number"), result.get(4)[2]);
        assertEquals("sku CNT-A is already counted on line 2", result.get(5)[2]);
        var reads = new InventoryQueryService(cloud.adapters("GetInventoryFunction").inventoryWithMovements());
        InventoryQueryService.Detail a = reads.get(seller, "CNT-A");
        assertEquals(12, a.item().onHand());
        assertEquals("A-01", a.item().binLocation());
        assertEquals(3, a.item().lowStockThreshold());
        int movements = a.movements().size();

        Map<String, Object> again = uploadAndProcess("stock-counts", "counts.csv", file, ProcessUploadHandler.RESERVE_MILLIS);
        assertEquals(0, again.get("accepted"));
        assertEquals(2, again.get("unchanged"));
        assertEquals(movements, reads.get(seller, "CNT-A").movements().size(), "no movement for the same count");
    }

    @Test
    void a_file_without_its_required_columns_fails_as_a_whole_with_the_columns_named() throws Exception {
        Map<String, Object> failed = uploadAndProcess("shipping-confirmations", "wrong.csv",
                "order-id,sku,quantity\nA,MUG,1\n", ProcessUploadHandler.RESERVE_MILLIS);
        assertEquals("FAILED", failed.get("status"));
        assertTrue(String.valueOf(failed.get("failure")).contains("ship-date, tracking-number, carrier-code"),
                String.valueOf(failed.get("failure")));
        Map<String, Object> listed = json(call("GET", null, null));
        assertTrue(((List<?>) listed.get("uploads")).stream().anyMatch(u -> ((Map<?, ?>) u).get("uploadId")
                .equals(failed.get("uploadId"))), "listed among the recent uploads");
    }

    @Test
    void processing_before_the_file_is_there_is_a_conflict_and_another_sellers_upload_is_not_found() {
        Map<String, Object> created = json(call("POST", null, Map.of("kind", "stock-counts", "fileName", "x.csv",
                "sizeBytes", 10)));
        APIGatewayV2HTTPResponse early = call("POST", (String) created.get("uploadId"), null);
        assertEquals(409, early.getStatusCode(), early.getBody());
        String mine = seller;
        seller = cloud.newSeller("upl-other");
        assertEquals(404, call("GET", (String) created.get("uploadId"), null).getStatusCode());
        seller = mine;
        assertEquals(400, call("POST", null, Map.of("kind", "labels", "fileName", "x.csv", "sizeBytes", 0))
                .getStatusCode());
    }

    /** Create, PUT the file to the presigned link, ask for processing, pump the queue, read the upload. */
    Map<String, Object> uploadAndProcess(String kind, String name, String content, long reserveMillis)
            throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPResponse created = call("POST", null, Map.of("kind", kind, "fileName", name,
                "sizeBytes", bytes.length));
        assertEquals(201, created.getStatusCode(), created.getBody());
        Map<String, Object> upload = json(created);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create((String) upload.get("uploadUrl")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        String uploadId = (String) upload.get("uploadId");
        APIGatewayV2HTTPResponse queued = call("POST", uploadId, null);
        assertEquals(202, queued.getStatusCode(), queued.getBody());
        assertEquals("QUEUED", json(queued).get("status"));
        ProcessUploadHandler processor = new ProcessUploadHandler(cloud.adapters("ProcessUploadFunction"), reserveMillis);
        QueuePump.until(cloud.sqs, cloud.ref("UploadQueue"), e -> processor.handleRequest(e, new TestContext()),
                () -> finished(uploadId), "upload " + uploadId);
        return json(call("GET", uploadId, null));
    }

    private boolean finished(String uploadId) {
        Object status = json(call("GET", uploadId, null)).get("status");
        return "DONE".equals(status) || "FAILED".equals(status);
    }

    /** The result file by its link: line number -> [line, status, reason, order-id, shipment-id, sku]. */
    Map<Integer, String[]> result(String url) throws Exception {
        assertNotNull(url, "a done upload links its result");
        HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, got.statusCode());
        List<String> lines = got.body().lines().toList();
        assertEquals("line,status,reason,order-id,shipment-id,sku", lines.get(0));
        Map<Integer, String[]> rows = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = csv(l);
            rows.put(Integer.parseInt(cells[0]), cells);
        }
        return rows;
    }

    private static String[] csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }

    List<Order> orders(int n) {
        var inventory = cloud.adapters("UpdateStockFunction").inventoryWithMovements();
        inventory.put(seller, "MUG-BLUE", new InventoryRequests.Put(2L * n, null, null, null), 0, "test", Instant.now());
        inventory.put(seller, "TEE-BLACK-L", new InventoryRequests.Put(n, null, null, null), 0, "test", Instant.now());
        ProcessOrderHandler process = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));
        Map<String, Object> sample = Fixtures.sampleOrder();
        // Several at once: a scale run makes thousands (the emulator answers each in a few ms).
        List<Order> orders = java.util.stream.IntStream.range(0, n).parallel().mapToObj(i -> {
            Map<String, Object> json = new LinkedHashMap<>(sample);
            json.put("externalOrderId", "114-" + Math.abs(seller.hashCode() % 1000) + "-" + i);
            json.put("createdAt", Instant.now().minusSeconds(3_600).toString());
            Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, Instant.now());
            cloud.orders().createIfAbsent(order);
            process.handleRequest(LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))),
                    new TestContext());
            return order;
        }).toList();
        for (Order o : orders) { // one that lost every race for the shared SKUs' stock goes again
            for (int attempt = 0; attempt < 5 && !"UNSHIPPED".equals(status(o)); attempt++) {
                process.handleRequest(LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", o.orderId()))),
                        new TestContext());
            }
            assertEquals("UNSHIPPED", status(o), o.orderId());
        }
        return orders;
    }

    private String status(Order o) {
        return cloud.orders().get(o.orderId()).orElseThrow().status().name();
    }

    static String row(String order, String itemId, String sku, String quantity, String date, String code,
                              String name, String tracking) {
        return String.join("\t", order, itemId, sku, quantity, date, code, name, tracking, "Standard") + "\n";
    }

    private APIGatewayV2HTTPResponse call(String method, String uploadId, Map<String, Object> body) {
        String path = uploadId == null ? "/v1/uploads" : "/v1/uploads/" + uploadId + ("POST".equals(method)
                ? "/process" : "");
        APIGatewayV2HTTPEvent event = request(method, uploadId == null ? Map.of() : Map.of("uploadId", uploadId), body);
        event.setRawPath(path);
        return uploads.handleRequest(event, new TestContext());
    }

    private APIGatewayV2HTTPEvent request(String method, Map<String, String> path, Map<String, Object> body) {
        APIGatewayV2HTTPEvent event = Fixtures.sellerRequest(method, path, seller, body);
        return event;
    }

    private static Map<String, Object> json(APIGatewayV2HTTPResponse response) {
        return Json.parseObject(response.getBody());
    }
}
