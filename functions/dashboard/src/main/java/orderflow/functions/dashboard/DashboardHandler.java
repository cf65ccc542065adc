package orderflow.functions.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.SnapStartHook;

/**
 * GET / and GET /app/{file}: the seller dashboard, a static web app served from this jar on the
 * API's own origin (docs/dashboard.md). The page is public; everything it shows comes from /v1
 * calls that carry the seller's API key, which the page keeps in sessionStorage.
 */
public class DashboardHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /**
     * Scripts, styles and calls only from this origin, no inline script or style, never in a frame:
     * the API key is typed into this page, so nothing else may run in it or overlay it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final StaticFiles files;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public DashboardHandler() {
        this(new StaticFiles(DashboardHandler.class.getClassLoader(), "web"));
        this.snapStart = SnapStartHook.register(DashboardHandler::prime);
    }

    DashboardHandler(StaticFiles files) {
        this.files = files;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String name = Requests.pathParameter(event, "file");
        Optional<StaticFiles.File> found = name == null ? files.page() : files.asset(name);
        if (found.isEmpty()) {
            return response(404, headers("text/plain; charset=utf-8"), "Not found");
        }
        StaticFiles.File file = found.get();
        Map<String, String> headers = headers(file.contentType());
        // Names carry no hash, so the browser revalidates each time and gets a bodiless 304 while unchanged.
        headers.put("cache-control", "no-cache");
        headers.put("etag", file.etag());
        if (matches(Requests.header(event, "if-none-match"), file.etag())) {
            return response(304, headers, null);
        }
        return response(200, headers, file.body());
    }

    /** True when If-None-Match names this ETag (weak or strong form) or is "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("cache-control", "no-store");
        headers.put("content-security-policy", CONTENT_SECURITY_POLICY);
        headers.put("x-content-type-options", "nosniff");
        headers.put("referrer-policy", "no-referrer");
        headers.put("x-frame-options", "DENY");
        headers.put("cross-origin-opener-policy", "same-origin");
        headers.put("cross-origin-resource-policy", "same-origin");
        return headers;
    }

    private static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Serves the page and its entry script through a copy of this handler (no network involved). */
    public static APIGatewayV2HTTPResponse prime() {
        DashboardHandler handler = new DashboardHandler(new StaticFiles(DashboardHandler.class.getClassLoader(), "web"));
        handler.handleRequest(request("/app/main.js", Map.of("file", "main.js")), new PrimingContext());
        return handler.handleRequest(request("/", null), new PrimingContext());
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
