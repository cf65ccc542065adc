package orderflow.shared.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.BulkRequests;
import orderflow.shared.domain.BulkRequests.BulkRequest;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.ports.BulkAnswers;

/**
 * One action on up to 100 of the seller's orders, each exactly as its single route does it (same state
 * rules, emails and channel syncs), one after the other: one order's failure is that order's outcome
 * and never stops the others. Sequential on purpose: the single actions are a few small writes each,
 * 100 fit in the function's time, and one order at a time keeps the write rate within what a fresh
 * on-demand table absorbs. Orders not started before the deadline are reported as skipped.
 */
public final class BulkOrderActions {

    public enum Result { DONE, UNCHANGED, FAILED, SKIPPED }

    /** order: as it now is (DONE, UNCHANGED); failure: why not (FAILED; a non-Failure is an outage). */
    public record Outcome(String orderId, Result result, Order order, RuntimeException failure) {
    }

    /** complete: every order was tried and none met an outage, so the answer may be replayed as is. */
    public record Run(BulkRequest request, List<Outcome> outcomes) {
        public boolean complete() {
            return outcomes.stream().noneMatch(o -> o.result() == Result.SKIPPED
                    || (o.result() == Result.FAILED && !(o.failure() instanceof Failure)));
        }

        public long count(Result result) {
            return outcomes.stream().filter(o -> o.result() == result).count();
        }
    }

    /** Time kept back after the last order for saving and sending the answer. */
    static final long RESERVE_MILLIS = 2_000;

    private final AcknowledgeOrder acknowledge;
    private final CancelOrder cancel;
    private final BulkAnswers answers;
    private final Clock clock;

    public BulkOrderActions(AcknowledgeOrder acknowledge, CancelOrder cancel, BulkAnswers answers, Clock clock) {
        this.acknowledge = acknowledge;
        this.cancel = cancel;
        this.answers = answers;
        this.clock = clock;
    }

    /**
     * The answer to a bulk request, rendered by {@code render}; with an Idempotency-Key, a completed
     * answer is kept and a repeat of the same request gets it back without any order being touched.
     */
    public String answer(String sellerId, Actor actor, Map<String, Object> body, String idempotencyHeader,
                         JobDeadline deadline, Function<Run, String> render) {
        BulkRequest request = BulkRequests.parse(body);
        String key = BulkRequests.idempotencyKey(idempotencyHeader);
        if (key != null) {
            Optional<BulkAnswers.Stored> stored = answers.find(sellerId, key);
            if (stored.isPresent()) {
                if (!stored.get().fingerprint().equals(request.fingerprint())) {
                    throw new Failure.InvalidInput("This Idempotency-Key was used for another request; no order"
                            + " was changed.", List.of(new FieldError("Idempotency-Key",
                            "was already used for a different action, reason or list of orders")));
                }
                return stored.get().answer();
            }
        }
        Run run = run(sellerId, actor, request, deadline);
        String answer = render.apply(run);
        if (key != null && run.complete()) {
            answers.save(sellerId, key, new BulkAnswers.Stored(request.fingerprint(), answer), clock.instant());
        }
        return answer;
    }

    public Run run(String sellerId, Actor actor, BulkRequest request, JobDeadline deadline) {
        List<Outcome> outcomes = new ArrayList<>();
        long slowest = 0;
        for (String orderId : request.orderIds()) {
            if (deadline.remainingMillis() < slowest + RESERVE_MILLIS) {
                outcomes.add(new Outcome(orderId, Result.SKIPPED, null, null));
                continue;
            }
            long started = System.nanoTime();
            outcomes.add(one(sellerId, actor, request, orderId));
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        }
        return new Run(request, outcomes);
    }

    private Outcome one(String sellerId, Actor actor, BulkRequest request, String orderId) {
        try {
            ActionResult result = switch (request.action()) {
                case ACKNOWLEDGE -> acknowledge.acknowledge(sellerId, actor, orderId);
                case CANCEL -> cancel.cancel(sellerId, actor, orderId, cancelBody(request));
            };
            return new Outcome(orderId, result.changed() ? Result.DONE : Result.UNCHANGED, result.order(), null);
        } catch (RuntimeException e) {
            // A Failure is this order's answer (404, 409); anything else is an outage on this order
            // only: the next ones are still tried, and the answer is not kept so that a retry heals.
            return new Outcome(orderId, Result.FAILED, null, e);
        }
    }

    private static Map<String, Object> cancelBody(BulkRequest request) {
        return request.cancel().note() == null ? Map.of("reason", request.cancel().reason())
                : Map.of("reason", request.cancel().reason(), "note", request.cancel().note());
    }
}
