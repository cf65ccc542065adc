package orderflow.functions.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.Problems;
import orderflow.shared.api.Responses;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.domain.Failure;
import orderflow.shared.service.OrderQueryService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** GET /v1/orders/{orderId}, behind the API-key authorizer: the seller's own orders only. */
public class GetOrderHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final OrderQueryService service;

    public GetOrderHandler() {
        this(AwsClients.dynamoDb(), Env.system());
    }

    GetOrderHandler(DynamoDbClient dynamo, Env env) {
        this.service = new OrderQueryService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE")));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String sellerId = Responses.sellerId(event);
        if (sellerId == null) {
            return Problems.problem(401, "unauthorized", "Unauthorized", "An API key is required.", java.util.List.of());
        }
        try {
            return Responses.json(200, OrderViews.detail(
                    service.get(sellerId, Responses.pathParameter(event, "orderId"))));
        } catch (Failure f) {
            return Problems.from(f);
        } catch (RuntimeException e) {
            context.getLogger().log("get order failed: " + e, LogLevel.ERROR);
            return Problems.internalError(context.getAwsRequestId());
        }
    }
}
