package orderflow.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.channels.ShipmentNotice;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sparse index marks a sync item carries: only while PENDING (OpenSyncs) or FAILED (FailedSyncs). */
class ChannelSyncItemsTest {

    private static final Instant CREATED = Instant.parse("2026-11-27T12:00:00Z");

    private static ChannelSync pending() {
        ShipmentNotice notice = new ShipmentNotice("shp_1", "UPS", "1Z999AA10123456784", null, CREATED, List.of(), true);
        return new ChannelSync("sync_a", "ord_a", "sf", "shopify", ChannelSync.Kind.SHIPMENT,
                ChannelSync.Status.PENDING, notice, 0, null, null, CREATED, CREATED, null);
    }

    @Test
    void a_pending_sync_is_open_since_its_last_change_in_fixed_width_time() {
        Map<String, AttributeValue> item = ChannelSyncItems.toItem(pending().sending(CREATED.plusMillis(1500)));
        assertEquals("OPEN", item.get("openShard").s());
        assertEquals("2026-11-27T12:00:01.500Z", item.get("openSince").s());
        assertFalse(item.containsKey("failedShard"));
        assertEquals("2026-11-27T12:00:00.000Z", ChannelSyncItems.toItem(pending()).get("openSince").s(),
                "whole seconds keep their millis: the index compares text");
    }

    @Test
    void a_failed_sync_is_marked_failed_and_no_longer_open() {
        Instant at = CREATED.plusSeconds(90);
        Map<String, AttributeValue> item = ChannelSyncItems.toItem(pending().sending(CREATED).failed("no", at));
        assertEquals("FAILED", item.get("failedShard").s());
        assertEquals("2026-11-27T12:01:30.000Z", item.get("failedAt").s());
        assertFalse(item.containsKey("openShard"));
        assertFalse(item.containsKey("openSince"));
    }

    @Test
    void a_done_sync_is_in_neither_index_and_reads_back_the_same() {
        ChannelSync done = pending().sending(CREATED).done("gid://shopify/Fulfillment/1", CREATED.plusSeconds(2));
        Map<String, AttributeValue> item = ChannelSyncItems.toItem(done);
        for (String mark : List.of("openShard", "openSince", "failedShard", "failedAt")) {
            assertFalse(item.containsKey(mark), mark);
        }
        assertEquals(done, ChannelSyncItems.fromItem(item));
    }
}
