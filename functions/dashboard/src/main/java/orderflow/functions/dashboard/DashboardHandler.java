package orderflow.functions.dashboard;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.HttpFunction;
import orderflow.shared.api.Requests;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;

/**
 * GET / and GET /app/{file}: the seller dashboard, a static web app served from this jar on the
 * API's own origin (docs/dashboard.md). The page is public; everything it shows comes from /v1
 * calls that carry the seller's API key, which the page keeps in sessionStorage.
 */
public class DashboardHandler extends HttpFunction {

    private final StaticFiles files = new StaticFiles(DashboardHandler.class.getClassLoader(), "web");

    public DashboardHandler() {
        this(Adapters.live());
    }

    /** The dashboard reads no table: the adapters only decide whether SnapStart priming is registered. */
    public DashboardHandler(Adapters adapters) {
        super(adapters);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String name = Requests.pathParameter(event, "file");
        return DashboardResponses.of(name == null ? files.page() : files.asset(name),
                Requests.header(event, "if-none-match"));
    }

    /** Serves the entry script, then the page (no network involved). */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        return PrimingRun.of(Priming.answers(), request("/app/main.js", Map.of("file", "main.js")), request("/", null));
    }

    private static APIGatewayV2HTTPEvent request(String path, Map<String, String> pathParameters) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withHeaders(Map.of("accept", "*/*"))
                .withPathParameters(pathParameters)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .build())
                .build();
    }
}
