package orderflow.shared.service;

import orderflow.shared.domain.uploads.Upload;

/** Where an upload's objects live in the uploads bucket: under the seller, so a key names its owner. */
public final class UploadKeys {

    private UploadKeys() {
    }

    public static String file(Upload u) {
        return "uploads/" + u.sellerId() + "/" + u.uploadId();
    }

    public static String result(Upload u) {
        return "results/" + u.sellerId() + "/" + u.uploadId() + ".csv";
    }

    /** The result lines of one run, merged into the result file when the last run ends. */
    public static String partPrefix(Upload u) {
        return "parts/" + u.sellerId() + "/" + u.uploadId() + "/";
    }

    public static String part(Upload u, int position) {
        return partPrefix(u) + String.format("%06d", position) + ".csv";
    }
}
