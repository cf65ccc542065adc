package orderflow.shared.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;

/**
 * What every handler shares, whatever triggers it. A handler has two public constructors: the
 * no-argument one Lambda calls ({@code this(Adapters.live())}), and one taking {@link Adapters}
 * (tests and bench). Built live, it registers its SnapStart hook, which primes a copy of the
 * handler wired to offline clients before the snapshot and fails loudly if that copy fails.
 *
 * @param <I> the event type
 * @param <O> the answer type
 */
public abstract class FunctionHandler<I, O> implements RequestHandler<I, O> {

    /** The sample events a handler primes itself with, and the DynamoDB answers they need. */
    public record PrimingRun<I>(Priming.Answers answers, List<I> events) {
        @SafeVarargs
        public static <I> PrimingRun<I> of(Priming.Answers answers, I... events) {
            return new PrimingRun<>(answers, List.of(events));
        }
    }

    /** The wiring's clock: views and reports say "now" by it, so tests can fix it. */
    protected final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null unless built live. */
    private final SnapStartHook snapStart;

    protected FunctionHandler(Adapters adapters) {
        this.clock = adapters.clock();
        this.snapStart = adapters.isLive() ? SnapStartHook.register(() -> prime()) : null;
    }

    /** The Lambda entry point named in template.yaml (see {@link LambdaStreams} for why streams). */
    public abstract void handleStream(InputStream in, OutputStream out, Context context) throws IOException;

    /** The requests priming runs, with the answers they read (the last one must succeed). */
    protected abstract PrimingRun<I> priming(Instant now);

    /** Why this answer is not a success, or null when it is. */
    protected abstract String failureOf(O answer);

    /**
     * Runs {@link #priming} through a copy of this handler built on offline clients: every class of
     * the request path is loaded and nothing leaves the JVM. Throws when the last answer is a failure.
     */
    public final O prime() {
        PrimingRun<I> run = priming(Instant.now());
        FunctionHandler<I, O> copy = copyWith(Priming.adapters(run.answers()));
        PrimingContext context = new PrimingContext();
        O answer = null;
        for (I event : run.events()) {
            answer = copy.handleRequest(event, context);
        }
        String failure = failureOf(answer);
        if (failure != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " priming failed: " + failure
                    + "; logged: " + context.logged());
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private FunctionHandler<I, O> copyWith(Adapters adapters) {
        try {
            return getClass().getConstructor(Adapters.class).newInstance(adapters);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(getClass().getSimpleName() + " could not be wired for priming",
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs a public (Adapters) constructor", e);
        }
    }
}
