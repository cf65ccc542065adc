package orderflow.shared.ports;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.uploads.Upload;

/** The sellers' uploads and their progress. */
public interface Uploads {

    void create(Upload upload);

    Optional<Upload> get(String sellerId, String uploadId);

    /** The seller's newest uploads first. */
    List<Upload> recent(String sellerId, int limit);

    /**
     * Saves the upload's new state only if its status and position are still those of {@code expected}
     * (two runs of one upload never both count a part); false when they were not.
     */
    boolean update(Upload expected, Upload next);
}
