package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;

/**
 * A refund made here, paid back through Shopify's refundCreate. Never twice: the order's refunds are
 * read first (ours carry "[refundId]" in their note: found means Done), and from API version 2026-01
 * the mutation carries an @idempotent key derived from the refund id (2026-04 demands one), so a
 * retry Shopify already applied is answered with the first refund. Money goes back on the order's
 * successful sale or capture transactions (parentId, gateway), in the shop currency; line items are
 * refunded with NO_RESTOCK because stock is counted here, not by Shopify.
 */
final class ShopifyRefunds {

    static final String SCOPES = ShopifyOrderCalls.SCOPES;

    /**
     * Our earlier refund lies in the first 50 refunds of any order this service could have made (from
     * 2026-01 the idempotency key covers the rest); 50 transactions hold every payment of an order.
     */
    static final String ORDER_REFUND_STATE = """
            query OrderRefundState($id: ID!) {
              order(id: $id) {
                id
                currencyCode
                refunds(first: 50) { id note }
                transactions(first: 50) {
                  id kind status gateway
                  amountSet { shopMoney { amount currencyCode } }
                  parentTransaction { id }
                }
              }
            }""";

    /** %s: the @idempotent directive, or nothing before 2026-01. */
    static final String REFUND_CREATE = """
            mutation RefundCreate($input: RefundInput!) {
              refundCreate(input: $input)%s {
                refund { id }
                userErrors { field message }
              }
            }""";

    private final ShopifyAdmin admin;

    ShopifyRefunds(ShopifyAdmin admin) {
        this.admin = admin;
    }

    PushResult refund(ChannelLink link, String externalOrderId, RefundNotice notice) {
        ShopifyAdmin.Opened opened = ShopifyAdmin.open(link, externalOrderId, SCOPES);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        if (notice.refundId() == null || notice.refundId().isBlank()) {
            return new PushResult.Refused("The refund has no id to recognise it by in Shopify.");
        }
        ShopifyAdmin.Target target = opened.target();
        ShopifyAdmin.Call state = admin.call(target, ORDER_REFUND_STATE, Map.of("id", target.orderGid()));
        if (state.result() != null) {
            return state.result();
        }
        Map<String, Object> order = state.order();
        if (order.isEmpty()) {
            return ShopifyAdmin.unknownOrder(target);
        }
        String earlier = refundWithOurId(order, notice.refundId());
        if (earlier != null) {
            return new PushResult.Done(earlier);
        }
        Input input = input(target, order, notice);
        if (input.problem() != null) {
            return new PushResult.Refused(ChannelHttp.clean(input.problem(), target.secrets()));
        }
        ShopifyAdmin.Call created = admin.call(target, refundCreate(target.version(), target.orderGid(), notice.refundId()),
                Map.of("input", input.variables()));
        if (created.result() != null) {
            return created.result();
        }
        Map<String, Object> payload = map(created.data().get("refundCreate"));
        List<String> userErrors = ShopifyAdmin.userErrors(payload, "userErrors");
        if (!userErrors.isEmpty()) {
            return ShopifyAdmin.refusedFor(target, "refund", userErrors);
        }
        String id = text(map(payload.get("refund")).get("id"));
        if (id == null) {
            // Safe to retry: the next attempt finds the refund by its note if Shopify made it.
            return new PushResult.Retry("Shopify answered refundCreate without a refund or an error.");
        }
        return new PushResult.Done(id);
    }

    /** What the note carries so a later attempt recognises the refund: "[refundId]". */
    static String marker(String refundId) {
        return "[" + refundId.strip() + "]";
    }

    static String refundWithOurId(Map<String, Object> order, String refundId) {
        String marker = marker(refundId);
        for (Object r : list(order.get("refunds"))) {
            Map<String, Object> refund = map(r);
            String note = text(refund.get("note"));
            if (note != null && note.contains(marker)) {
                return text(refund.get("id"));
            }
        }
        return null;
    }

    /** The mutation text: @idempotent (a UUID named by the order and refund ids) from 2026-01 on. */
    static String refundCreate(String version, String orderGid, String refundId) {
        return REFUND_CREATE.formatted(ShopifyAdmin.atLeast(version, "2026-01")
                ? " @idempotent(key: \"" + idempotencyKey(orderGid, refundId) + "\")" : "");
    }

    /** Shopify recommends a UUID; a name-based one is the same on every attempt for the same refund. */
    static String idempotencyKey(String orderGid, String refundId) {
        return UUID.nameUUIDFromBytes(("orderflow refund\u0000" + orderGid + "\u0000" + refundId.strip())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** RefundInput variables, or why Shopify could not take the refund (said to the seller). */
    record Input(Map<String, Object> variables, String problem) {
    }

    static Input input(ShopifyAdmin.Target target, Map<String, Object> order, RefundNotice notice) {
        String shopCurrency = text(order.get("currencyCode"));
        Money amount = notice.amount();
        if (amount.isNegative()) {
            return new Input(null, "The refund amount is negative.");
        }
        if (amount.minor() > 0 && !amount.currency().equals(shopCurrency)) {
            return new Input(null, "The refund is in " + amount.currency() + " but the Shopify order is in "
                    + shopCurrency + ": refund it in Shopify's admin.");
        }
        List<Object> lineItems = new ArrayList<>();
        for (RefundNotice.Line line : notice.lines()) {
            if (line.quantity() > 0 && line.lineId() != null && !line.lineId().isBlank()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("lineItemId", ShopifyAdmin.gid("LineItem", line.lineId()));
                item.put("quantity", line.quantity());
                item.put("restockType", "NO_RESTOCK");
                lineItems.add(item);
            }
        }
        List<Object> transactions = new ArrayList<>();
        if (amount.minor() > 0) {
            String problem = allocate(target.orderGid(), order, amount, transactions);
            if (problem != null) {
                return new Input(null, problem);
            }
        }
        if (lineItems.isEmpty() && transactions.isEmpty()) {
            return new Input(null, "The refund has neither money nor line items to send to Shopify.");
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("orderId", target.orderGid());
        input.put("note", note(notice));
        if (!lineItems.isEmpty()) {
            input.put("refundLineItems", lineItems);
        }
        if (!transactions.isEmpty()) {
            input.put("transactions", transactions);
        }
        return new Input(input, null);
    }

    static String note(RefundNotice notice) {
        String reason = notice.reason() == null || notice.reason().isBlank() ? "Refund" : notice.reason().strip();
        return reason + " " + marker(notice.refundId());
    }

    /**
     * Places the amount on the order's successful SALE/CAPTURE transactions, each up to what is left on
     * it (its amount less the successful or pending refunds made from it): one transaction when one
     * payment can take it all, else spread in Shopify's order. Null when placed, else why not.
     */
    static String allocate(String orderGid, Map<String, Object> order, Money amount, List<Object> out) {
        record Parent(String id, String gateway, long[] left) {
        }
        String currency = amount.currency();
        List<Map<String, Object>> all = new ArrayList<>();
        list(order.get("transactions")).forEach(t -> all.add(map(t)));
        List<Parent> parents = new ArrayList<>();
        for (Map<String, Object> t : all) {
            String kind = text(t.get("kind"));
            if (("SALE".equals(kind) || "CAPTURE".equals(kind)) && "SUCCESS".equals(text(t.get("status")))) {
                Long paid = shopMinor(t, currency);
                if (paid != null && text(t.get("id")) != null) {
                    parents.add(new Parent(text(t.get("id")), text(t.get("gateway")), new long[] {paid}));
                }
            }
        }
        if (parents.isEmpty()) {
            return "Shopify shows no successful payment (sale or capture) on order " + orderGid
                    + " to refund " + amount.toDecimalString() + " " + currency + " from: refund it in Shopify's admin.";
        }
        for (Map<String, Object> t : all) {
            String status = text(t.get("status"));
            if ("REFUND".equals(text(t.get("kind"))) && ("SUCCESS".equals(status) || "PENDING".equals(status))) {
                String parentId = text(map(t.get("parentTransaction")).get("id"));
                Long refunded = shopMinor(t, currency);
                for (Parent p : parents) {
                    if (p.id().equals(parentId) && refunded != null) {
                        p.left()[0] -= refunded;
                    }
                }
            }
        }
        long refundable = parents.stream().mapToLong(p -> Math.max(0, p.left()[0])).sum();
        if (refundable < amount.minor()) {
            return "Shopify has " + new Money(refundable, currency).toDecimalString() + " " + currency
                    + " left to refund on order " + orderGid + ", less than the " + amount.toDecimalString() + " "
                    + currency + " of this refund.";
        }
        Parent whole = parents.stream().filter(p -> p.left()[0] >= amount.minor()).findFirst().orElse(null);
        long left = amount.minor();
        for (Parent p : whole != null ? List.of(whole) : parents) {
            long take = Math.min(left, Math.max(0, p.left()[0]));
            if (take == 0) {
                continue;
            }
            Map<String, Object> tx = new LinkedHashMap<>();
            tx.put("orderId", orderGid);
            tx.put("parentId", p.id());
            tx.put("gateway", p.gateway());
            tx.put("amount", new Money(take, currency).toDecimalString());
            tx.put("kind", "REFUND");
            out.add(tx);
            left -= take;
            if (left == 0) {
                break;
            }
        }
        return null;
    }

    /** A transaction's shop-currency amount in minor units; null when absent, in another currency or malformed. */
    private static Long shopMinor(Map<String, Object> transaction, String currency) {
        Map<String, Object> money = map(map(transaction.get("amountSet")).get("shopMoney"));
        String amount = text(money.get("amount"));
        if (amount == null || !amount.strip().matches("-?\\d{1,15}(\\.\\d{1,20})?")
                || !currency.equals(text(money.get("currencyCode")))) {
            return null;
        }
        try {
            return new BigDecimal(amount.strip()).movePointRight(Money.fractionDigits(currency))
                    .setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
