package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.uploads.Upload;
import orderflow.shared.domain.uploads.UploadKind;
import orderflow.shared.ports.UploadFiles;
import orderflow.shared.ports.Uploads;
import org.junit.jupiter.api.Test;

class ProcessUploadTest {

    private static final Instant PLACED = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String FILE = "order-id,sku,quantity,ship-date,carrier-code,carrier-name,tracking-number\n"
            + "A1,MUG-BLUE,1,2026-12-01,Other,Evri,T1\n"
            + "A2,,,2026-12-01,Other,Evri,T2\n"
            + "Z9,,,2026-12-01,Other,Evri,T3\n"
            + "A1,MUG-BLUE,2,2026-12-01,Other,Evri,T1\n"
            + "A3,,,2026-12-01,Other,Evri,T4\n";

    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OutboxFake emails = new InMemory.OutboxFake();
    private final UploadsFake uploads = new UploadsFake();
    private final FilesFake files = new FilesFake();
    private final List<String> queued = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** No time left: every run does its one unit (a run always makes progress), saves and queues the rest. */
    private final JobDeadline noTime = () -> 0;
    private final ProcessUpload process = new ProcessUpload(uploads, files, (s, u) -> queued.add(u), orders,
            seller -> Set.of(), accounts, new ShipOrder(orders, accounts, emails, clock), null, InMemory.noLowStock(),
            clock, 10_000);

    ProcessUploadTest() {
        accounts.sellers.put("seller", new Seller("seller", "Shop", "o@shop.example", "r@shop.example",
                "s@shop.example", 1, ZoneId.of("UTC")));
        for (String external : List.of("A1", "A2", "A3")) { // 3 x MUG-BLUE each, reserved
            Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
            json.put("externalOrderId", external);
            Order placed = GenericOrderPayload.parse(json).toOrder("sf", "seller", PLACED);
            orders.createIfAbsent(placed);
            orders.orders.put(placed.orderId(), placed.confirmed(PLACED.plusSeconds(86_400 * 3), PLACED.plusSeconds(86_400 * 9)));
        }
        orders.onHand.put("MUG-BLUE", 9);
        orders.reserved.put("MUG-BLUE", 9);
        orders.available.put("MUG-BLUE", 0);
    }

    private Upload uploaded() {
        Upload u = new Upload("seller", "upl_1", UploadKind.SHIPPING_CONFIRMATIONS, "f.csv", FILE.length(),
                Upload.Status.QUEUED, null, 0, 0, 0, 0, 0, 0, NOW, NOW);
        uploads.create(u);
        files.objects.put(UploadKeys.file(u), FILE.getBytes(StandardCharsets.UTF_8));
        return u;
    }

    private List<String> resultLines() {
        return List.of(new String(files.objects.get("results/seller/upl_1.csv"), StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void runs_cut_after_each_package_resume_until_done_and_the_result_lists_every_row_in_file_order() {
        uploaded();
        int runs = 0;
        do {
            queued.clear();
            process.run("seller", "upl_1", noTime);
            runs++;
        } while (!queued.isEmpty());
        assertEquals(4, runs, "four packages: A1 (lines 2 and 5), A2, Z9, A3");
        Upload done = uploads.get("seller", "upl_1").orElseThrow();
        assertEquals(List.of(Upload.Status.DONE, 5, 5, 4, 1, 0), List.of(done.status(), done.rowsTotal(), done.rowsDone(),
                done.accepted(), done.rejected(), done.unchanged()));
        List<String> result = resultLines();
        assertEquals("line,status,reason,order-id,shipment-id,sku", result.get(0));
        assertEquals(List.of("2", "3", "4", "5", "6"), result.subList(1, 6).stream().map(l -> l.split(",")[0]).toList());
        assertEquals("4,rejected,unknown order Z9,,,", result.get(3));
        assertEquals(result.get(1).split(",")[4], result.get(4).split(",")[4], "lines 2 and 5: one shipment");
        Order a1 = orders.orders.values().stream().filter(o -> o.externalOrderId().equals("A1")).findFirst().orElseThrow();
        assertEquals(1, a1.fulfillment().shipments().size());
        assertEquals(Map.of("MUG-BLUE", 3), a1.fulfillment().shipments().get(0).quantities());
        assertEquals(3, emails.messages.size(), "one shipped email per package");
    }

    @Test
    void a_run_whose_progress_was_lost_is_redone_its_rows_unchanged_and_listed_once() {
        Upload before = uploaded();
        process.run("seller", "upl_1", noTime); // ships A1, then its save is lost (a crash before the write)
        uploads.items.put("upl_1", before);
        queued.clear();
        do {
            queued.clear();
            process.run("seller", "upl_1", () -> Long.MAX_VALUE);
        } while (!queued.isEmpty());
        Upload done = uploads.get("seller", "upl_1").orElseThrow();
        assertEquals(List.of(2, 1, 2), List.of(done.accepted(), done.rejected(), done.unchanged()));
        assertEquals(6, resultLines().size(), "the header and each row once");
        assertEquals(3, emails.messages.size(), "A1's email was not sent again");
    }

    private static final class UploadsFake implements Uploads {
        final Map<String, Upload> items = new HashMap<>();

        @Override public void create(Upload upload) { items.put(upload.uploadId(), upload); }

        @Override public Optional<Upload> get(String sellerId, String uploadId) {
            return Optional.ofNullable(items.get(uploadId)).filter(u -> u.sellerId().equals(sellerId));
        }

        @Override public List<Upload> recent(String sellerId, int limit) { return List.copyOf(items.values()); }

        @Override public boolean update(Upload expected, Upload next) {
            Upload now = items.get(expected.uploadId());
            if (now.status() != expected.status() || now.position() != expected.position()) {
                return false;
            }
            items.put(next.uploadId(), next);
            return true;
        }
    }

    private static final class FilesFake implements UploadFiles {
        final Map<String, byte[]> objects = new TreeMap<>();

        @Override public URI uploadLink(String key, long sizeBytes, String contentType, Duration ttl) {
            return URI.create("https://s3.example/" + key);
        }

        @Override public Optional<Long> size(String key) {
            return Optional.ofNullable(objects.get(key)).map(b -> (long) b.length);
        }

        @Override public byte[] get(String key) { return objects.get(key); }

        @Override public void put(String key, byte[] content, String contentType) { objects.put(key, content); }

        @Override public List<String> list(String prefix) {
            return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        }

        @Override public URI link(String key, Duration ttl) { return URI.create("https://s3.example/" + key); }
    }
}
