package orderflow.shared.domain.uploads;

/** The whole file cannot be processed (no header, missing columns, too many rows): the reason says why. */
public final class UploadRefused extends RuntimeException {

    public UploadRefused(String reason) {
        super(reason, null, false, false);
    }
}
