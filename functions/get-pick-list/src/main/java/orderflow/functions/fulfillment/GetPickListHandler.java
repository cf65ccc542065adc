package orderflow.functions.fulfillment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.DocumentQuery;
import orderflow.shared.api.InventoryViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.documents.PdfDocuments;
import orderflow.shared.domain.PickList;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.service.PickListService;
import orderflow.shared.service.PickWave;

/**
 * GET /v1/picklist?orders=id,id|status=UNSHIPPED[&format=json|pdf&pageSize=A4|LETTER|4x6]: lines
 * grouped by SKU, in bin order; JSON by default, PDF with each SKU as Code 128. With
 * include=slips,labels (PDF, listed orders): the whole wave in one file, packing slips and bought labels too.
 */
public class GetPickListHandler extends SellerRoute {

    private static final List<String> FORMATS = List.of("json", DocumentQuery.PDF);

    private final PickListService service;
    private final PickWave wave;

    public GetPickListHandler() {
        this(Adapters.live());
    }

    public GetPickListHandler(Adapters adapters) {
        super(adapters);
        this.service = new PickListService(adapters.orderReads(), adapters.inventory());
        // S3 is loaded by the first wave with labels only (bench: 309 classes, 1.68x the floor when eager).
        this.wave = new PickWave(adapters.orderReads(), adapters.inventory(), adapters.accounts(), adapters.labels(),
                adapters.labelFiles());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        DocumentQuery query = DocumentQuery.of(request.query(), FORMATS);
        if (request.query().get("include") != null) {
            if (!query.pdf()) {
                throw new Failure.InvalidInput("The query has 1 invalid parameter.", List.of(new FieldError("include",
                        "prints documents: give format=pdf with it")));
            }
            return Responses.binary(200, wave.print(request.sellerId(), request.query(), query.pageSize()),
                    "application/pdf", Map.of());
        }
        PickList list = service.pickList(request.sellerId(), request.query());
        if (query.pdf()) {
            return Responses.binary(200, PdfDocuments.pickList(list, query.pageSize()), "application/pdf", Map.of());
        }
        return Responses.json(200, InventoryViews.pickList(list));
    }

    /** A pick list of the unshipped sample order (its SKUs unknown to the inventory), as JSON and as PDF. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        var order = PrimingSamples.unshippedOrder(now);
        var pdf = PrimingSamples.sellerRequest(null, null);
        pdf.setQueryStringParameters(Map.of("format", DocumentQuery.PDF));
        return PrimingRun.of(Priming.answers().anyQuery(PrimingSamples.orderItem(order)).batchGetFindsNothing(),
                PrimingSamples.sellerRequest(null, null), pdf);
    }
}
