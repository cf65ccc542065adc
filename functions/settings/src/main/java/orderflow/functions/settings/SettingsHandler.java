package orderflow.functions.settings;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.api.SettingsViews;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.ReturnPolicyService;
import orderflow.shared.service.SettingsService;

/** GET and PATCH /v1/settings: the seller's settings, calendar, return policy and storefronts in one place. */
public class SettingsHandler extends SellerRoute {

    private final SettingsService service;

    public SettingsHandler() {
        this(Adapters.live());
    }

    public SettingsHandler(Adapters adapters) {
        super(adapters);
        this.service = new SettingsService(adapters.accounts(), adapters.sellerSettings(),
                new ReturnPolicyService(adapters.returnPolicies(), adapters.clock()), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return Responses.json(200, SettingsViews.settings("PATCH".equals(request.method())
                ? service.update(request.sellerId(), request.body())
                : service.get(request.sellerId())));
    }

    /** Changes the cut-off and the working days, then reads the settings. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        APIGatewayV2HTTPEvent patch = PrimingSamples.sellerRequest("PATCH", Map.of(), Map.of("cutoff", "14:00",
                "workingDays", java.util.List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"),
                "holidaysAdded", java.util.List.of(now.toString().substring(0, 10))));
        return PrimingRun.of(Priming.answers().seller().anyQuery().batchGetFindsNothing(), patch,
                PrimingSamples.sellerRequest("GET", Map.of(), null));
    }
}
