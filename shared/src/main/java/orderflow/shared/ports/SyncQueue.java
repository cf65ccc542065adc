package orderflow.shared.ports;

import java.time.Duration;

/** Hands a written channel sync to the sync function, now or after a delay (a platform asked to wait). */
public interface SyncQueue {

    void enqueue(String orderId, String syncId, Duration delay);
}
