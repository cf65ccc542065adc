package orderflow.functions.returns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.ReturnViews;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.aws.DynamoReturnPolicies;
import orderflow.shared.aws.DynamoReturns;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.aws.SqsOrderQueue;
import orderflow.shared.aws.SqsRefundNotices;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.ReturnLine;
import orderflow.shared.domain.returns.ReturnReason;
import orderflow.shared.service.LowStockAlerts;
import orderflow.shared.service.RefundService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * POST /v1/returns/{rmaId}/receive {lines: [{sku, quantity, condition}]}: sellable units back in
 * stock, damaged ones written off, and the refund the policy dictates recorded at once, then sent
 * to the storefront and emailed. 201 with the RMA and refund; a repeat answers 200, changed false.
 */
public class ReceiveReturnHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final RefundService service;
    private final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ReceiveReturnHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ReceiveReturnHandler::prime);
    }

    ReceiveReturnHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        this.clock = clock;
        String accounts = env.require("ACCOUNTS_TABLE");
        DynamoOrders orders = DynamoOrders.fromEnv(dynamo, env);
        DynamoReturns returns = new DynamoReturns(dynamo, env.require("RETURNS_TABLE"));
        DynamoAccounts accountsRepo = new DynamoAccounts(dynamo, accounts);
        SqsEmailOutbox emails = new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL"));
        DynamoInventory inventory = new DynamoInventory(dynamo, env.require("INVENTORY_TABLE"),
                env.require("STOCK_MOVEMENTS_TABLE"));
        this.service = new RefundService(orders, returns,
                new DynamoRefunds(dynamo, env.require("REFUNDS_TABLE"), orders, returns),
                new DynamoReturnPolicies(dynamo, accounts), accountsRepo, emails,
                new SqsRefundNotices(sqs, env.require("REFUND_QUEUE_URL")),
                new SqsOrderQueue(sqs, env.require("ORDER_QUEUE_URL")),
                new LowStockAlerts(inventory, accountsRepo, emails), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            RefundService.Receipt receipt = service.receive(sellerId, Requests.actor(event),
                    Requests.pathParameter(event, "rmaId"), Requests.jsonBody(event, false));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("rma", ReturnViews.rma(receipt.rma(), receipt.refund()));
            body.put("refund", receipt.refund() == null ? null : ReturnViews.refund(receipt.refund()));
            body.put("order", OrderViews.detail(receipt.order(), clock.instant()));
            body.put("changed", receipt.changed());
            return Responses.json(receipt.changed() ? 201 : 200, body);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Receives a damaged unit of a delivered sample order through a copy wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        Instant now = Instant.now();
        Order delivered = OrderLifecycle.confirmDelivery(PrimingSamples.shippedOrder(now),
                new ActionRequests.Delivery(now, null), Actor.job("priming"), now).after();
        String sku = delivered.lines().get(0).sku();
        ReturnAuthorization rma = ReturnAuthorization.authorized(delivered.orderId(), 1,
                List.of(new ReturnLine(sku, 1, ReturnReason.DEFECTIVE)), now);
        String rmaItem = Priming.itemJson(PrimingSamples.returnItem(rma));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:rmaId=" + rma.rmaId(), rmaItem, // the order's only RMA: sequence 2 is missing
                "GetItem:rmaId", "{}",
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(delivered)),
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem())));
             SqsClient sqs = Priming.sqs()) {
            ReceiveReturnHandler handler = new ReceiveReturnHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest(null, Map.of("lines",
                    List.of(Map.of("sku", sku, "quantity", 1, "condition", "DAMAGED"))));
            event.setPathParameters(Map.of("rmaId", rma.rmaId()));
            return handler.handleRequest(event, new PrimingContext());
        }
    }
}
