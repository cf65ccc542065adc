package orderflow.shared.domain.uploads;

import java.time.Instant;

/**
 * One file the seller uploaded and how far its processing got. position is the next unit of work
 * (a package of shipping rows, or a stock row) so a run cut short by its deadline resumes there.
 */
public record Upload(String sellerId, String uploadId, UploadKind kind, String fileName, long sizeBytes,
                     Status status, String failure, int rowsTotal, int rowsDone, int accepted, int rejected,
                     int unchanged, int position, Instant createdAt, Instant updatedAt) {

    public enum Status {
        /** Created: the file goes to the presigned link, then processing is asked for. */
        WAITING_FOR_FILE,
        QUEUED,
        PROCESSING,
        DONE,
        /** The whole file was refused (missing columns, not a CSV, too many rows): see failure. */
        FAILED;

        public boolean finished() {
            return this == DONE || this == FAILED;
        }
    }

    public Upload withStatus(Status next, String reason, Instant at) {
        return new Upload(sellerId, uploadId, kind, fileName, sizeBytes, next, reason, rowsTotal, rowsDone, accepted,
                rejected, unchanged, position, createdAt, at);
    }

    /** After a run: the next unit to do and the counts so far. */
    public Upload progressed(Status next, int total, int done, int accepted, int rejected, int unchanged, int position,
                             Instant at) {
        return new Upload(sellerId, uploadId, kind, fileName, sizeBytes, next, failure, total, done, accepted, rejected,
                unchanged, position, createdAt, at);
    }
}
