package orderflow.shared.ports;

/** Uploads waiting to be processed, or to be resumed where a run stopped. */
public interface UploadQueue {

    void enqueue(String sellerId, String uploadId);
}
