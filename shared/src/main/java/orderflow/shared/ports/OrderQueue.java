package orderflow.shared.ports;

/** Hands an order to the processing step. */
public interface OrderQueue {

    void enqueue(String orderId);
}
