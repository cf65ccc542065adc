package orderflow.shared.aws;

import java.util.HashMap;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.channels.ChannelNotice;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ChannelSyncsTable items: key (orderId, syncId); the notice as JSON text (read back whole, never queried).
 * Two sparse indexes (docs/data-model.md): a PENDING sync carries openShard + openSince (OpenSyncs, the
 * sweep's), a FAILED one failedShard + failedAt (FailedSyncs, the digest's) until a digest reports it
 * and removes them. A FAILED item is put only when the sync fails (record puts transitions only), so a
 * reported failure is not put back into the index.
 */
final class ChannelSyncItems {

    static final String OPEN_SYNCS = "OpenSyncs";
    static final String OPEN = "OPEN";
    static final String FAILED_SYNCS = "FailedSyncs";
    static final String FAILED = "FAILED";

    private ChannelSyncItems() {
    }

    static Map<String, AttributeValue> toItem(ChannelSync s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", Attr.s(s.orderId()));
        item.put("syncId", Attr.s(s.syncId()));
        item.put("storefrontId", Attr.s(s.storefrontId()));
        item.put("platform", Attr.s(s.platform()));
        item.put("kind", Attr.s(s.kind().name()));
        item.put("status", Attr.s(s.status().name()));
        item.put("attempts", Attr.n(s.attempts()));
        item.put("createdAt", Attr.s(s.createdAt().toString()));
        item.put("updatedAt", Attr.s(s.updatedAt().toString()));
        Attr.putIfPresent(item, "lastError", s.lastError());
        Attr.putIfPresent(item, "platformRef", s.platformRef());
        if (s.sendingSince() != null) {
            item.put("sendingSince", Attr.s(s.sendingSince().toString()));
        }
        if (s.notice() != null) {
            item.put("notice", Attr.s(Json.write(ChannelNoticeJson.write(s.notice()))));
        }
        String since = OrderItems.sortableTime(s.updatedAt()); // fixed width: compared as text in the index
        if (s.status() == ChannelSync.Status.PENDING) {
            item.put("openShard", Attr.s(OPEN));
            item.put("openSince", Attr.s(since));
        } else if (s.status() == ChannelSync.Status.FAILED) {
            item.put("failedShard", Attr.s(FAILED));
            item.put("failedAt", Attr.s(since));
        }
        return item;
    }

    static ChannelSync fromItem(Map<String, AttributeValue> i) {
        return new ChannelSync(Attr.str(i, "syncId"), Attr.str(i, "orderId"), Attr.str(i, "storefrontId"),
                Attr.str(i, "platform"), ChannelSync.Kind.valueOf(Attr.str(i, "kind")),
                ChannelSync.Status.valueOf(Attr.str(i, "status")),
                notice(i),
                (int) Attr.num(i, "attempts"), Attr.str(i, "lastError"), Attr.str(i, "platformRef"),
                Attr.instant(i, "createdAt"), Attr.instant(i, "updatedAt"),
                i.containsKey("sendingSince") ? Attr.instant(i, "sendingSince") : null);
    }

    /** "notice" (JSON, any kind); items written before other kinds existed hold "shipment". */
    private static ChannelNotice notice(Map<String, AttributeValue> i) {
        if (i.containsKey("notice")) {
            return ChannelNoticeJson.read(Json.parseObject(Attr.str(i, "notice")));
        }
        return i.containsKey("shipment") ? ChannelNoticeJson.shipment(Json.parseObject(Attr.str(i, "shipment"))) : null;
    }
}
