package orderflow.functions.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** How the dashboard's files are answered: strict security headers, revalidated by ETag (304 while unchanged). */
final class DashboardResponses {

    /**
     * Scripts, styles and calls only from this origin, no inline script or style, never in a frame:
     * the API key is typed into this page, so nothing else may run in it or overlay it. One other
     * place may be called: S3 of the stack's region (or the local emulator), where the presigned
     * upload and result links of the Uploads page point; they carry no key and run no script.
     */
    static final String CONTENT_SECURITY_POLICY = policy(System.getenv("AWS_ENDPOINT_URL"), System.getenv("AWS_REGION"));

    static String policy(String endpoint, String region) {
        String storage = endpoint != null && !endpoint.isBlank() ? origin(endpoint)
                : region != null && region.matches("[a-z0-9-]+") ? " https://*.s3." + region + ".amazonaws.com" : "";
        return "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "img-src 'self'; connect-src 'self'" + storage + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String origin(String endpoint) {
        java.net.URI uri = java.net.URI.create(endpoint.strip());
        return uri.getScheme() == null || uri.getHost() == null ? ""
                : " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private DashboardResponses() {
    }

    /** The file (none: 404), or a bodiless 304 when the browser's If-None-Match names its ETag. */
    static APIGatewayV2HTTPResponse of(Optional<StaticFiles.File> found, String ifNoneMatch) {
        if (found.isEmpty()) {
            return response(404, headers("text/plain; charset=utf-8"), "Not found");
        }
        StaticFiles.File file = found.get();
        Map<String, String> headers = headers(file.contentType());
        // Names carry no hash, so the browser revalidates each time and gets a bodiless 304 while unchanged.
        headers.put("cache-control", "no-cache");
        headers.put("etag", file.etag());
        if (matches(ifNoneMatch, file.etag())) {
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
}
