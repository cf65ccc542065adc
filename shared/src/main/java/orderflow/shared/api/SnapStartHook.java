package orderflow.shared.api;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The SnapStart hook every handler registers from its no-argument constructor: before the
 * snapshot, run the handler's priming (its request path through offline clients). Tests build
 * handlers through their other constructor, which registers nothing.
 */
public final class SnapStartHook implements Resource {

    private final Runnable priming;

    private SnapStartHook(Runnable priming) {
        this.priming = priming;
    }

    /** Registers the hook; the returned object must stay referenced (CRaC may hold it weakly). */
    public static SnapStartHook register(Runnable priming) {
        SnapStartHook hook = new SnapStartHook(priming);
        Core.getGlobalContext().register(hook);
        return hook;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        priming.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: the real clients were never used before the snapshot.
    }
}
