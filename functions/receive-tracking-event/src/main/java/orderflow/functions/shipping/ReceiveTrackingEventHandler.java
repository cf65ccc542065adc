package orderflow.functions.shipping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.HttpFunction;
import orderflow.shared.api.Log;
import orderflow.shared.api.Problems;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Failure;
import orderflow.shared.security.EasyPostSignature;
import orderflow.shared.service.TrackParcels;
import orderflow.shared.service.TrackingWebhook;

/**
 * POST /tracking-events/{provider}/{sellerId}: carrier tracker webhooks (EasyPost, signed with the
 * account's webhook secret). 200 once recorded (also for events we do not act on, so the carrier
 * never disables the webhook); 401 for a bad signature, writing nothing; 500 is retried by the carrier.
 */
public class ReceiveTrackingEventHandler extends HttpFunction {

    private final TrackingWebhook service;

    public ReceiveTrackingEventHandler() {
        this(Adapters.live());
    }

    public ReceiveTrackingEventHandler(Adapters adapters) {
        super(adapters);
        this.service = new TrackingWebhook(adapters.carrierAccounts(), new TrackParcels(adapters.orders(),
                adapters.labels(), adapters.accounts(), adapters.emailOutbox(), adapters.clock()), adapters.clock());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String provider = Requests.pathParameter(event, "provider");
        String sellerId = Requests.pathParameter(event, "sellerId");
        try {
            TrackingWebhook.Outcome outcome = service.receive(provider, sellerId,
                    Requests.header(event, EasyPostSignature.HEADER), Requests.rawBody(event));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("scans", outcome.scans());
            answer.put("changed", outcome.changed());
            return Responses.json(200, answer);
        } catch (Failure f) {
            Log.warn(context, "tracking.refused", "provider", String.valueOf(provider), "outcome",
                    f.getClass().getSimpleName(), "detail", f.getMessage());
            return Problems.from(f);
        } catch (RuntimeException e) {
            Log.error(context, "tracking.failed", "provider", String.valueOf(provider), "error", e.toString());
            return Problems.internalError(context.getAwsRequestId());
        }
    }

    /** A signed tracker event of an unknown parcel: verified, parsed, nothing to change. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        String body = PrimingSamples.easyPostTrackerEvent(now);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withPathParameters(Map.of("provider", "easypost", "sellerId", PrimingSamples.SELLER))
                .withHeaders(Map.of(EasyPostSignature.HEADER.toLowerCase(java.util.Locale.ROOT),
                        EasyPostSignature.sign(PrimingSamples.SECRET, body.getBytes(StandardCharsets.UTF_8))))
                .withBody(body).build();
        return PrimingRun.of(Priming.answers()
                .itemWhere("pk", "CARRIER#" + PrimingSamples.SELLER + "#easypost", PrimingSamples.carrierAccountItem())
                .query("ByTracking"), event);
    }
}
