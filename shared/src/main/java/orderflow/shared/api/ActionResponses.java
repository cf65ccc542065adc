package orderflow.shared.api;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.service.ActionResult;

/** The answer to a seller action: the order as it now is (and the shipment, for a shipment). */
public final class ActionResponses {

    private ActionResponses() {
    }

    /** 200 with the order; {@code createdStatus} (201) when the action created a shipment. */
    public static APIGatewayV2HTTPResponse of(ActionResult result, Instant now, int createdStatus) {
        Map<String, Object> body = OrderViews.detail(result.order(), now);
        if (result.shipment() != null) {
            body.put("shipment", OrderViews.shipment(result.shipment()));
        }
        body.put("changed", result.changed());
        return Responses.json(result.changed() ? createdStatus : 200, body);
    }
}
