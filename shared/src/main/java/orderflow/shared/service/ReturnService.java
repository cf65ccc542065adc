package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.ReturnPolicy;
import orderflow.shared.domain.returns.ReturnRequests;
import orderflow.shared.domain.returns.ReturnRules;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.ReturnPolicies;
import orderflow.shared.ports.Returns;

/**
 * POST /v1/orders/{orderId}/returns: a return checked against the seller's policy (window, what
 * was delivered minus what is already on an RMA, non-returnable SKUs) becomes an RMA with a number,
 * and the buyer is emailed the instructions. A refusal names the rule ({@link ReturnRules.Refused}).
 */
public final class ReturnService {

    private final Orders orders;
    private final Returns returns;
    private final ReturnPolicies policies;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;

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
        Order order = new OrderQueryService(orders).get(sellerId, orderId);
        var request = ReturnRequests.parse(body);
        ReturnPolicy policy = policies.get(sellerId).orElse(ReturnPolicy.DEFAULT);
        Instant now = clock.instant();
        List<ReturnAuthorization> existing = returns.forOrder(orderId);
        ReturnAuthorization rma = ReturnRules.authorize(order, existing, policy, request, now);
        if (!returns.create(rma, sellerId)) {
            throw new Failure.Conflict("Another return of this order was created at the same moment; nothing was"
                    + " written. Read the order's returns and retry if this one is still needed.");
        }
        Seller seller = accounts.seller(sellerId).orElseThrow(() -> new IllegalStateException("unknown seller"));
        emails.enqueue(OrderEmails.returnAuthorized(order, seller, rma, policy));
        return rma;
    }
}
