package orderflow.functions.uploads;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.api.UploadViews;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.UploadService;

/**
 * POST /v1/uploads {kind, fileName, sizeBytes}: a presigned PUT link for the file; POST
 * /v1/uploads/{uploadId}/process queues it once the file is there; GET /v1/uploads/{uploadId} reads
 * its progress and the result link; GET /v1/uploads lists the recent ones.
 */
public class UploadsHandler extends SellerRoute {

    private final UploadService service;

    public UploadsHandler() {
        this(Adapters.live());
    }

    public UploadsHandler(Adapters adapters) {
        super(adapters);
        this.service = new UploadService(adapters.uploads(), adapters.uploadFiles(), adapters.uploadQueue(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        String uploadId = request.path("uploadId");
        if ("POST".equals(request.method())) {
            if (uploadId == null) {
                return Responses.json(201, UploadViews.created(service.create(request.sellerId(), request.body())));
            }
            var upload = service.process(request.sellerId(), uploadId);
            return Responses.json(202, UploadViews.upload(new UploadService.View(upload, null)));
        }
        if (uploadId == null) {
            return Responses.json(200, Map.of("uploads", service.recent(request.sellerId()).stream()
                    .map(UploadViews::upload).toList()));
        }
        return Responses.json(200, UploadViews.upload(service.get(request.sellerId(), uploadId)));
    }

    /** A new upload: the item written (offline) and the PUT link signed. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        return PrimingRun.of(Priming.answers(), PrimingSamples.sellerRequest("POST", Map.of(),
                Map.of("kind", "shipping-confirmations", "fileName", "confirm.txt", "sizeBytes", 120)));
    }
}
