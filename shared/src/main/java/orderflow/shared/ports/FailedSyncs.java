package orderflow.shared.ports;

import java.util.List;

import orderflow.shared.domain.channels.ChannelSync;

/**
 * FAILED channel syncs the seller has not been told about (ChannelSyncsTable's sparse FailedSyncs
 * index). A sync enters when it fails and leaves once a digest reported it; a retry that fails again
 * enters again.
 */
public interface FailedSyncs {

    /** Unreported FAILED syncs as they stand now, oldest failure first, at most limit. */
    List<ChannelSync> unreported(int limit);

    /** The sync is in a digest: it leaves the unreported ones, unless it changed since it was read. */
    void reported(ChannelSync sync);
}
