package orderflow.shared.ports;

import java.util.Map;

/**
 * The two SP-API Orders v0 reads an ORDER_CHANGE notification needs (it carries no prices and no
 * address): getOrder and getOrderItems, as the seller who authorised our app (its LWA refresh token).
 * Each returns the response's "payload" object.
 */
public interface AmazonOrdersApi {

    Map<String, Object> getOrder(String refreshToken, String amazonOrderId);

    /** Every page followed (NextToken): OrderItems holds all the order's items. */
    Map<String, Object> getOrderItems(String refreshToken, String amazonOrderId);
}
