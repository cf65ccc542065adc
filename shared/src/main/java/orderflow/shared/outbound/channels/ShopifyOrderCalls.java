package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;

/**
 * The acknowledgement (a tag on the order, tagsAdd) and the cancel (orderCancel) of a Shopify order.
 * Both read the order first, so a repeat after a lost answer finds the tag or the cancellation and
 * answers Done without a second write.
 */
final class ShopifyOrderCalls {

    static final String SCOPES = "read_orders and write_orders";
    static final String DEFAULT_ACKNOWLEDGE_TAG = "orderflow:acknowledged";
    /**
     * Shopify documents no length for orderCancel's staffNote; a cut at 255 characters (a common column
     * size) keeps a long seller note from failing the cancel itself.
     */
    static final int STAFF_NOTE_LIMIT = 255;

    static final String ORDER_TAGS = """
            query OrderTags($id: ID!) {
              order(id: $id) { id tags }
            }""";

    static final String TAGS_ADD = """
            mutation TagsAdd($id: ID!, $tags: [String!]!) {
              tagsAdd(id: $id, tags: $tags) {
                node { id }
                userErrors { field message }
              }
            }""";

    static final String ORDER_CANCELLED = """
            query OrderCancelled($id: ID!) {
              order(id: $id) { id cancelledAt }
            }""";

    /** From 2025-07: refundMethod (refund is deprecated there). */
    static final String ORDER_CANCEL = """
            mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!,
                $notifyCustomer: Boolean, $staffNote: String, $refundMethod: OrderCancelRefundMethodInput) {
              orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer,
                  staffNote: $staffNote, refundMethod: $refundMethod) {
                job { id done }
                orderCancelUserErrors { field message code }
              }
            }""";

    /** Before 2025-07: refund: Boolean! is the only way to say whether money goes back. */
    static final String ORDER_CANCEL_BEFORE_2025_07 = """
            mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!,
                $notifyCustomer: Boolean, $staffNote: String, $refund: Boolean!) {
              orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer,
                  staffNote: $staffNote, refund: $refund) {
                job { id done }
                orderCancelUserErrors { field message code }
              }
            }""";

    private final ShopifyAdmin admin;

    ShopifyOrderCalls(ShopifyAdmin admin) {
        this.admin = admin;
    }

    /** Tags the order (acknowledgeTag setting, else {@value #DEFAULT_ACKNOWLEDGE_TAG}) unless it already has the tag. */
    PushResult acknowledge(ChannelLink link, String externalOrderId, AcknowledgeNotice notice) {
        ShopifyAdmin.Opened opened = ShopifyAdmin.open(link, externalOrderId, SCOPES);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        String tag = acknowledgeTag(link);
        if (tag.contains(",")) {
            return new PushResult.Refused("The Shopify link's acknowledgeTag setting contains a comma: Shopify would"
                    + " read it as several tags.");
        }
        ShopifyAdmin.Target target = opened.target();
        ShopifyAdmin.Call state = admin.call(target, ORDER_TAGS, Map.of("id", target.orderGid()));
        if (state.result() != null) {
            return state.result();
        }
        Map<String, Object> order = state.order();
        if (order.isEmpty()) {
            return ShopifyAdmin.unknownOrder(target);
        }
        // Shopify compares tags without regard to case.
        for (Object t : list(order.get("tags"))) {
            String existing = text(t);
            if (existing != null && existing.strip().equalsIgnoreCase(tag)) {
                return new PushResult.Done(target.orderGid());
            }
        }
        ShopifyAdmin.Call added = admin.call(target, TAGS_ADD, Map.of("id", target.orderGid(), "tags", List.of(tag)));
        if (added.result() != null) {
            return added.result();
        }
        Map<String, Object> payload = map(added.data().get("tagsAdd"));
        List<String> userErrors = ShopifyAdmin.userErrors(payload, "userErrors");
        if (!userErrors.isEmpty()) {
            return ShopifyAdmin.refusedFor(target, "tag", userErrors);
        }
        String id = text(map(payload.get("node")).get("id"));
        return new PushResult.Done(id == null ? target.orderGid() : id);
    }

    static String acknowledgeTag(ChannelLink link) {
        String tag = link.setting("acknowledgeTag");
        return tag == null || tag.isBlank() ? DEFAULT_ACKNOWLEDGE_TAG : tag.strip();
    }

    /**
     * Cancels the order unless it already is. orderCancel runs as a background job: Done carries the
     * job id. Should Shopify refuse (say, because the job of an earlier, lost call is cancelling it right
     * now), the order is read once more: canceled by then is Done.
     */
    PushResult cancel(ChannelLink link, String externalOrderId, CancelNotice notice) {
        ShopifyAdmin.Opened opened = ShopifyAdmin.open(link, externalOrderId, SCOPES);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        ShopifyAdmin.Target target = opened.target();
        PushResult already = cancelledAlready(target);
        if (already != null) {
            return already;
        }
        boolean current = ShopifyAdmin.atLeast(target.version(), "2025-07");
        ShopifyAdmin.Call cancelled = admin.call(target, current ? ORDER_CANCEL : ORDER_CANCEL_BEFORE_2025_07,
                cancelVariables(link, target, notice));
        if (cancelled.result() != null) {
            return cancelled.result();
        }
        Map<String, Object> payload = map(cancelled.data().get("orderCancel"));
        List<String> userErrors = ShopifyAdmin.userErrors(payload, "orderCancelUserErrors");
        if (!userErrors.isEmpty()) {
            PushResult meanwhile = cancelledAlready(target);
            return meanwhile instanceof PushResult.Done ? meanwhile : ShopifyAdmin.refusedFor(target, "cancel", userErrors);
        }
        String job = text(map(payload.get("job")).get("id"));
        return new PushResult.Done(job == null ? target.orderGid() : job);
    }

    /** Done when the order is canceled, the refusal or retry when it cannot be read, else null. */
    private PushResult cancelledAlready(ShopifyAdmin.Target target) {
        ShopifyAdmin.Call state = admin.call(target, ORDER_CANCELLED, Map.of("id", target.orderGid()));
        if (state.result() != null) {
            return state.result();
        }
        Map<String, Object> order = state.order();
        if (order.isEmpty()) {
            return ShopifyAdmin.unknownOrder(target);
        }
        return order.get("cancelledAt") != null ? new PushResult.Done(target.orderGid()) : null;
    }

    static Map<String, Object> cancelVariables(ChannelLink link, ShopifyAdmin.Target target, CancelNotice notice) {
        boolean refund = flag(link, "refundOnCancel", true);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("orderId", target.orderGid());
        variables.put("reason", notice.shopifyReason());
        // Restocked in Shopify: the units never left, so Shopify's stock is right again without us.
        variables.put("restock", true);
        variables.put("notifyCustomer", flag(link, "notifyCustomer", true));
        variables.put("staffNote", staffNote(notice.describe()));
        if (ShopifyAdmin.atLeast(target.version(), "2025-07")) {
            variables.put("refundMethod", Map.of("originalPaymentMethodsRefund", refund));
        } else {
            variables.put("refund", refund);
        }
        return variables;
    }

    static String staffNote(String text) {
        if (text == null || text.length() <= STAFF_NOTE_LIMIT) {
            return text;
        }
        int end = STAFF_NOTE_LIMIT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** A true/false link setting; anything but "false" (any case) counts as true when the default is. */
    static boolean flag(ChannelLink link, String name, boolean otherwise) {
        String value = link.setting(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return otherwise ? !"false".equals(v) : "true".equals(v);
    }
}
