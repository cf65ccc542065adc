package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.email.SellerDigests;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.FailedSyncs;
import orderflow.shared.ports.JobCheckpoints;
import orderflow.shared.ports.Messages;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.WatchedOrders;

/**
 * The scheduled check (every 15 minutes by default): orders still to ship after their ship-by date
 * are flagged late, orders whose ship-by date is within the next {@code atRisk} hours are flagged
 * at risk, orders ON_HOLD or BACKORDERED are flagged waiting for the seller, buyer messages waiting
 * more than 24 hours are flagged overdue, each once; changes a platform refused (FAILED channel
 * syncs, see {@link UnreportedRefusals}) are collected once; then each affected seller gets one
 * digest email listing what this run found.
 *
 * <p>All three come from sparse indexes (never a scan), a page at a time, and a flag is a
 * conditional write naming the run: an overlapping run cannot take an order this run took, a
 * rerun finds nothing new, and a retry of this run (same run id) finds its own flags again and
 * re-sends the same digest, which the sender lets through once. When time runs short the job stops
 * between pages; what it flagged is in its digests, and the next run resumes the late pass at the
 * saved checkpoint (a complete pass clears it, so each late order is seen within two passes).
 */
public final class OverdueCheckService {

    /** Index items per query page (an order item is 1-2 KB: well inside a 1 MB page). */
    static final int PAGE = 500;
    /** Flags written at once: the conditional writes of a page go out in parallel. */
    static final int PARALLEL_WRITES = 16;

    private final WatchedOrders orders;
    private final Messages messages;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final JobCheckpoints checkpoints;
    private final Duration atRisk;
    private final Clock clock;
    private final UnreportedRefusals refusals;

    /** The late pass's checkpoint (JobCheckpoints). */
    static final String LATE_JOB = "flag-overdue-late";

    public OverdueCheckService(WatchedOrders orders, Messages messages, Accounts accounts, EmailOutbox emails,
                               JobCheckpoints checkpoints, Duration atRisk, Clock clock) {
        this(orders, messages, accounts, emails, checkpoints, atRisk, clock, UnreportedRefusals.NONE);
    }

    /** With the refused channel syncs (failed: not yet reported; orders: whose they are). */
    public OverdueCheckService(WatchedOrders orders, Messages messages, Accounts accounts, EmailOutbox emails,
                               JobCheckpoints checkpoints, Duration atRisk, Clock clock, FailedSyncs failed,
                               Orders orderReads) {
        this(orders, messages, accounts, emails, checkpoints, atRisk, clock, new UnreportedRefusals(failed, orderReads));
    }

    private OverdueCheckService(WatchedOrders orders, Messages messages, Accounts accounts, EmailOutbox emails,
                                JobCheckpoints checkpoints, Duration atRisk, Clock clock, UnreportedRefusals refusals) {
        this.refusals = refusals;
        this.checkpoints = checkpoints;
        this.orders = orders;
        this.messages = messages;
        this.accounts = accounts;
        this.emails = emails;
        this.atRisk = atRisk;
        this.clock = clock;
    }

    /** What one run did; complete is false when it stopped for time (the next run continues). */
    public record Report(int late, int atRisk, int waiting, int overdue, int refusedSyncs, int digests,
                         boolean complete) {
    }

    public Report run(String runId, JobDeadline deadline) {
        Instant now = clock.instant();
        Map<String, List<Order>> late = new LinkedHashMap<>();
        Map<String, List<Order>> risky = new LinkedHashMap<>();
        Map<String, List<Order>> held = new LinkedHashMap<>();
        Map<String, List<MessageThread>> waiting = new LinkedHashMap<>();
        Pacer pacer = new Pacer(deadline);
        boolean complete;
        try (ExecutorService writes = Executors.newVirtualThreadPerTaskExecutor()) {
            // The late pass resumes where a run that ran out of time stopped: a burst of late orders
            // is read once, not again by every run until all are flagged.
            JobCheckpoints.Checkpoint from = checkpoints.get(LATE_JOB).orElse(new JobCheckpoints.Checkpoint(0, null));
            JobCheckpoints.Checkpoint stoppedAt = flagOrders(WatchedOrders.Watch.SHIP, WatchedOrders.Flag.LATE,
                    Instant.EPOCH, now, runId, now, from, pacer, writes, late);
            if (stoppedAt == null) {
                if (from.bucket() != 0 || from.after() != null) {
                    checkpoints.clear(LATE_JOB);
                }
            } else {
                checkpoints.save(LATE_JOB, stoppedAt);
            }
            JobCheckpoints.Checkpoint start = new JobCheckpoints.Checkpoint(0, null);
            complete = stoppedAt == null
                    && flagOrders(WatchedOrders.Watch.SHIP, WatchedOrders.Flag.AT_RISK, now, now.plus(atRisk), runId, now,
                    start, pacer, writes, risky) == null
                    && flagOrders(WatchedOrders.Watch.WAITING, WatchedOrders.Flag.WAITING, Instant.EPOCH, now, runId,
                    now, start, pacer, writes, held) == null
                    && flagMessages(now.minus(MessageThread.TARGET), runId, now, pacer, writes, waiting);
        }
        Map<String, List<SellerDigests.Refused>> refused = Map.of();
        if (pacer.startPage()) {
            refused = refusals.bySeller();
            pacer.done();
        } else {
            complete = false;
        }
        List<String> sellers = new ArrayList<>(late.keySet());
        risky.keySet().stream().filter(s -> !sellers.contains(s)).forEach(sellers::add);
        held.keySet().stream().filter(s -> !sellers.contains(s)).forEach(sellers::add);
        waiting.keySet().stream().filter(s -> !sellers.contains(s)).forEach(sellers::add);
        refused.keySet().stream().filter(s -> !sellers.contains(s)).forEach(sellers::add);
        for (String sellerId : sellers) {
            Seller seller = accounts.seller(sellerId).orElse(null);
            List<SellerDigests.Refused> refusedHere = refused.getOrDefault(sellerId, List.of());
            if (seller == null) {
                refusals.reported(refusedHere); // an order of a deleted seller: nobody to tell
                continue;
            }
            emails.enqueue(SellerDigests.digest(seller, runId, late.getOrDefault(sellerId, List.of()),
                    risky.getOrDefault(sellerId, List.of()), held.getOrDefault(sellerId, List.of()),
                    waiting.getOrDefault(sellerId, List.of()), refusedHere));
            refusals.reported(refusedHere);
        }
        return new Report(count(late), count(risky), count(held), count(waiting), count(refused), sellers.size(), complete);
    }

    /** Every bucket from the start position, page by page; where it stopped, or null when it went through. */
    private JobCheckpoints.Checkpoint flagOrders(WatchedOrders.Watch watch, WatchedOrders.Flag flag, Instant from,
                                                 Instant before, String runId,
                                                 Instant now, JobCheckpoints.Checkpoint start, Pacer pacer,
                                                 ExecutorService writes, Map<String, List<Order>> bySeller) {
        for (int bucket = start.bucket(); bucket < orders.buckets(); bucket++) {
            Map<String, String> after = bucket == start.bucket() ? start.after() : null;
            do {
                if (!pacer.startPage()) {
                    return new JobCheckpoints.Checkpoint(bucket, after);
                }
                WatchedOrders.Page page = orders.due(watch, bucket, from, before, flag, runId, after, PAGE);
                for (Order o : inParallel(page.orders(), o -> orders.flag(o.orderId(), flag, runId, now), writes)) {
                    bySeller.computeIfAbsent(o.sellerId(), s -> new ArrayList<>()).add(o);
                }
                pacer.done();
                after = page.next();
            } while (after != null);
        }
        return null;
    }

    private boolean flagMessages(Instant waitingBefore, String runId, Instant now, Pacer pacer,
                                 ExecutorService writes, Map<String, List<MessageThread>> bySeller) {
        for (int bucket = 0; bucket < messages.watchBuckets(); bucket++) {
            String after = null;
            do {
                if (!pacer.startPage()) {
                    return false;
                }
                Messages.Page page = messages.overdue(bucket, waitingBefore, runId, after, PAGE);
                for (MessageThread t : inParallel(page.threads(), t -> messages.flagOverdue(t, runId, now), writes)) {
                    bySeller.computeIfAbsent(t.sellerId(), s -> new ArrayList<>()).add(t);
                }
                pacer.done();
                after = page.next();
            } while (after != null);
        }
        return true;
    }

    /** The items whose flag this run holds, in page order; at most PARALLEL_WRITES writes in flight. */
    private static <T> List<T> inParallel(List<T> items, Predicate<T> flag, ExecutorService writes) {
        List<T> flagged = new ArrayList<>();
        for (int from = 0; from < items.size(); from += PARALLEL_WRITES) {
            List<T> chunk = items.subList(from, Math.min(items.size(), from + PARALLEL_WRITES));
            List<Future<Boolean>> results = new ArrayList<>();
            for (T item : chunk) {
                results.add(writes.submit(() -> flag.test(item)));
            }
            for (int i = 0; i < chunk.size(); i++) {
                try {
                    if (results.get(i).get()) {
                        flagged.add(chunk.get(i));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while flagging", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        return flagged;
    }

    private static int count(Map<String, ? extends List<?>> bySeller) {
        return bySeller.values().stream().mapToInt(List::size).sum();
    }
}
