package orderflow.functions.fulfillment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.DocumentQuery;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.documents.PackingSlips;
import orderflow.shared.documents.PdfDocuments;
import orderflow.shared.service.PackingSlipService;

/**
 * GET /v1/orders/{orderId}/packing-slip[?format=html|pdf&pageSize=A4|LETTER|4x6]: what is left to
 * ship, with bins; HTML by default, PDF with the order id and SKUs as Code 128.
 */
public class GetPackingSlipHandler extends SellerRoute {

    private static final Map<String, String> HEADERS = Map.of("content-security-policy",
            "default-src 'none'; style-src 'unsafe-inline'");

    private static final List<String> FORMATS = List.of("html", DocumentQuery.PDF);

    private final PackingSlipService service;

    public GetPackingSlipHandler() {
        this(Adapters.live());
    }

    public GetPackingSlipHandler(Adapters adapters) {
        super(adapters);
        this.service = new PackingSlipService(adapters.orderReads(), adapters.inventory(), adapters.accounts());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        DocumentQuery query = DocumentQuery.of(request.query(), FORMATS);
        PackingSlipService.Slip slip = service.packingSlip(request.sellerId(), request.path("orderId"));
        if (query.pdf()) {
            return Responses.binary(200, PdfDocuments.packingSlip(slip, query.pageSize()), "application/pdf", Map.of());
        }
        return Responses.text(200, PackingSlips.render(slip.order(), slip.seller(), slip.stock()),
                "text/html; charset=utf-8", HEADERS);
    }

    /** The slip of the unshipped sample order (its SKUs unknown to the inventory), as HTML and as PDF. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        var order = PrimingSamples.unshippedOrder(now);
        var pdf = PrimingSamples.sellerRequest(order.orderId(), null);
        pdf.setQueryStringParameters(Map.of("format", DocumentQuery.PDF));
        return PrimingRun.of(Priming.answers().order(order).seller().batchGetFindsNothing(),
                PrimingSamples.sellerRequest(order.orderId(), null), pdf);
    }
}
