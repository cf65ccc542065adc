package orderflow.functions.returns;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.Responses;
import orderflow.shared.api.ReturnViews;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.ReturnPolicyService;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** GET and PUT /v1/return-policy: the window, restocking fee, return shipping and non-returnable SKUs. */
public class ReturnPolicyHandler extends SellerRoute {

    private final ReturnPolicyService service;

    public ReturnPolicyHandler() {
        this(Adapters.live());
    }

    public ReturnPolicyHandler(Adapters adapters) {
        super(adapters);
        this.service = new ReturnPolicyService(adapters.returnPolicies(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        var http = request.event().getRequestContext().getHttp();
        return Responses.json(200, ReturnViews.policy(http != null && "PUT".equals(http.getMethod())
                ? service.put(request.sellerId(), request.actor(), request.body())
                : service.get(request.sellerId())));
    }

    /** Sets a sample policy, then reads it. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        APIGatewayV2HTTPEvent put = PrimingSamples.sellerRequest(null, Map.of("windowDays", 30,
                "restockingFeePercent", 10, "returnShippingPayer", "BUYER", "returnShippingMinor", 695));
        put.getRequestContext().setHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("PUT").build());
        return PrimingRun.of(Priming.answers().item(Map.of("pk", AttributeValue.fromS("RETURNPOLICY#x"),
                "policy", AttributeValue.fromS("{\"windowDays\":30}")), "pk"), put, PrimingSamples.sellerRequest(null, null));
    }
}
