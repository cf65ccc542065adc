package orderflow.shared.ports;

import java.time.Instant;
import java.util.List;

/**
 * The PENDING channel syncs by when they last changed (ChannelSyncsTable's sparse OpenSyncs index):
 * what the sweep finds when a sync was written but its queue message never came, or was lost.
 */
public interface OpenSyncs {

    /** A PENDING sync, last changed at {@code since}. */
    record Open(String orderId, String syncId, Instant since) {
    }

    /** PENDING syncs that have not changed since before {@code before}, oldest first, at most limit. */
    List<Open> idleSince(Instant before, int limit);
}
