package orderflow.shared.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.domain.Failure;
import orderflow.shared.json.Json;
import orderflow.shared.service.BulkOrderActions;
import orderflow.shared.service.BulkOrderActions.Outcome;
import orderflow.shared.service.BulkOrderActions.Result;

/**
 * The answer to a bulk action: one outcome per order in the order asked, each failure the problem
 * document its single route would have answered (404, 409, 500).
 */
public final class BulkActionViews {

    private BulkActionViews() {
    }

    /** 200 with an answer rendered now or replayed as first sent. */
    public static APIGatewayV2HTTPResponse response(String answer) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json", "cache-control", "no-store"))
                .withBody(answer).build();
    }

    public static String render(BulkOrderActions.Run run, Context context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", run.request().action().name().toLowerCase(Locale.ROOT));
        body.put("complete", run.complete());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Result r : Result.values()) {
            counts.put(name(r), run.count(r));
        }
        body.put("counts", counts);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Outcome o : run.outcomes()) {
            results.add(outcome(o, context));
        }
        body.put("results", results);
        return Json.write(body);
    }

    private static Map<String, Object> outcome(Outcome o, Context context) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderId", o.orderId());
        view.put("result", name(o.result()));
        if (o.order() != null) {
            view.put("status", o.order().status().name());
        }
        if (o.failure() instanceof Failure f) {
            view.put("problem", Json.parseObject(Problems.from(f).getBody()));
        } else if (o.failure() != null) {
            Log.error(context, "bulk.order_failed", "orderId", o.orderId(), "error", o.failure().toString());
            view.put("problem", Json.parseObject(Problems.internalError(context.getAwsRequestId()).getBody()));
        }
        return view;
    }

    private static String name(Result r) {
        return r.name().toLowerCase(Locale.ROOT);
    }
}
