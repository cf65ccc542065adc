package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.Storefront;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.ReturnPolicy;
import orderflow.shared.domain.returns.ReturnRequest;
import orderflow.shared.domain.returns.ReturnRequests;
import orderflow.shared.domain.returns.ReturnRules;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.ReturnPolicies;
import orderflow.shared.ports.Returns;

/**
 * POST /v1/orders/{orderId}/returns: a return checked against the seller's policy (window, what
 * was delivered minus what is already on an RMA, non-returnable SKUs) becomes an RMA with a number,
 * and the buyer is emailed the instructions. A refusal names the rule ({@link Failure.Refused}). The
 * storefront's own return requests (signed like its orders) go through the same rules. Reads:
 * {@link ReturnQueryService}.
 */
public final class ReturnService {

    private final Orders orders;
    private final Returns returns;
    private final ReturnPolicies policies;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;
    /** Unknown storefront ids, for this execution environment (the service lives as long as its handler). */
    private final RecentMisses misses = new RecentMisses();

    public ReturnService(Orders orders, Returns returns, ReturnPolicies policies, Accounts accounts, EmailOutbox emails,
                         Clock clock) {
        this.orders = orders;
        this.returns = returns;
        this.policies = policies;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
    }

    public ReturnAuthorization authorize(String sellerId, String orderId, Map<String, Object> body) {
        return authorize(sellerId, orderId, body, null).rma();
    }

    /**
     * POST /v1/orders/{orderId}/returns: with a request id (body or Idempotency-Key), the request gets
     * one RMA like a storefront's, so a retry after a timeout answers the first RMA (duplicate) and
     * emails nothing; without one, each request is a new return.
     */
    public Requested authorize(String sellerId, String orderId, Map<String, Object> body, String idempotencyKey) {
        Order order = new OrderQueryService(orders).get(sellerId, orderId);
        ReturnRequests.SellerReturn in = ReturnRequests.parse(body, idempotencyKey);
        if (in.requestId() == null) {
            return new Requested(authorize(order, in.request()), false);
        }
        return once(order, in.request(), "seller:" + sellerId + ":" + orderId + ":" + in.requestId(), clock.instant());
    }

    /** The RMA for a storefront's return request, and whether it was made before (a redelivery). */
    public record Requested(ReturnAuthorization rma, boolean duplicate) {
    }

    /**
     * POST /webhooks/{storefrontId}/returns: a buyer's return request from the storefront, signed like
     * its orders, checked against the same policy. The request (storefront and returnId) gets one
     * RMA, stored with a marker of the request in one transaction, so a redelivery, even one racing
     * the first, answers the RMA made the first time and emails nothing.
     */
    public Requested fromStorefront(String storefrontId, UnaryOperator<String> headers,
                                    byte[] body) {
        Instant now = clock.instant();
        Storefront storefront = StorefrontRequests.verify(accounts, misses, storefrontId, headers, body, now);
        var in = ReturnRequests.parseFromStorefront(Json.parseRequest(
                StorefrontRequests.utf8(body)));
        String requestKey = storefrontId + ":" + in.returnId();
        Order order = orders.get(OrderIds.forExternal(storefrontId, in.externalOrderId()))
                .filter(o -> o.sellerId().equals(storefront.sellerId()))
                .orElseThrow(() -> new Failure.NotFound("No order " + in.externalOrderId() + " from this storefront."));
        return once(order, in.request(), requestKey, now);
    }

    /** One RMA per request key, stored with a marker of the key in one transaction, even when racing. */
    private Requested once(Order order, ReturnRequest request, String requestKey, Instant now) {
        Requested requested = Races.retry(3, attempt -> {
            Optional<ReturnAuthorization> earlier = returns.rmaForRequest(requestKey).flatMap(returns::get);
            if (earlier.isPresent()) {
                return new Requested(earlier.get(), true); // a redelivery: answered, nothing emailed again
            }
            ReturnPolicy policy = policies.get(order.sellerId()).orElse(ReturnPolicy.DEFAULT);
            ReturnAuthorization rma;
            try {
                rma = ReturnRules.authorize(order, returns.forOrder(order.orderId()), policy, request, now);
            } catch (Failure.Refused refused) {
                // A delivery racing this one may have just taken the units for this very request.
                Optional<ReturnAuthorization> raced = returns.rmaForRequest(requestKey).flatMap(returns::get);
                if (raced.isPresent()) {
                    return new Requested(raced.get(), true);
                }
                throw refused;
            }
            return switch (returns.createFor(rma, order.sellerId(), requestKey)) {
                case Returns.Created c -> {
                    emailInstructions(order, rma, policy);
                    yield new Requested(rma, false);
                }
                case Returns.AlreadyRequested a -> new Requested(returns.get(a.rmaId()).orElseThrow(), true);
                case Returns.SequenceTaken t -> null; // another return of the order took the number: again
            };
        });
        if (requested == null) {
            throw new Failure.Conflict("Other returns of this order kept being created at the same"
                    + " moment; nothing was written. Deliver the request again.");
        }
        return requested;
    }

    private ReturnAuthorization authorize(Order order, ReturnRequest request) {
        String sellerId = order.sellerId();
        String orderId = order.orderId();
        ReturnPolicy policy = policies.get(sellerId).orElse(ReturnPolicy.DEFAULT);
        Instant now = clock.instant();
        List<ReturnAuthorization> existing = returns.forOrder(orderId);
        ReturnAuthorization rma = ReturnRules.authorize(order, existing, policy, request, now);
        if (!returns.create(rma, sellerId)) {
            throw new Failure.Conflict("Another return of this order was created at the same moment; nothing was"
                    + " written. Read the order's returns and retry if this one is still needed.");
        }
        emailInstructions(order, rma, policy);
        return rma;
    }

    private void emailInstructions(Order order, ReturnAuthorization rma, ReturnPolicy policy) {
        Seller seller = accounts.seller(order.sellerId()).orElseThrow(() -> new IllegalStateException("unknown seller"));
        emails.enqueue(OrderEmails.returnAuthorized(order, seller, rma, policy));
    }
}
