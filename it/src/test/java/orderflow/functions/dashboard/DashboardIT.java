package orderflow.functions.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.TestContext;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Env;
import org.junit.jupiter.params.ParameterizedTest;

/** GET / and GET /app/{file}: the dashboard's files from the jar, with events/dashboard.json. */
class DashboardIT {

    private static final Pattern PAGE_ASSET = Pattern.compile("(?:src|href)=\"app/([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");

    private final DashboardHandler handler = new DashboardHandler(
            Adapters.of(null, null, null, Env.of(Map.of()), Clock.systemUTC())); // no table, queue or network

    private APIGatewayV2HTTPResponse get(APIGatewayV2HTTPEvent event, String file, String ifNoneMatch) {
        event.setPathParameters(file == null ? null : Map.of("file", file));
        event.setRawPath(file == null ? "/" : "/app/" + file);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("if-none-match");
        if (ifNoneMatch != null) {
            headers.put("if-none-match", ifNoneMatch);
        }
        event.setHeaders(headers);
        return handler.handleRequest(event, new TestContext());
    }

    private static void assertSecurityHeaders(APIGatewayV2HTTPResponse r) {
        String csp = r.getHeaders().get("content-security-policy");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'")
                && csp.contains("frame-ancestors 'none'") && csp.contains("connect-src 'self'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertEquals("nosniff", r.getHeaders().get("x-content-type-options"));
        assertEquals("no-referrer", r.getHeaders().get("referrer-policy"));
    }

    @ParameterizedTest
    @Event(value = "events/dashboard.json", type = APIGatewayV2HTTPEvent.class)
    void serves_the_page_and_every_file_it_loads_with_its_type_and_the_security_headers(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse page = get(event, null, null);
        assertEquals(200, page.getStatusCode());
        assertEquals("text/html; charset=utf-8", page.getHeaders().get("content-type"));
        assertSecurityHeaders(page);

        Set<String> files = new LinkedHashSet<>();
        Matcher m = PAGE_ASSET.matcher(page.getBody());
        while (m.find()) {
            files.add(m.group(1));
        }
        assertTrue(files.containsAll(List.of("main.js", "style.css", "favicon.svg")), files.toString());
        Deque<String> toRead = new ArrayDeque<>(files);
        Map<String, String> types = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
                "svg", "image/svg+xml");
        Set<String> served = new LinkedHashSet<>();
        while (!toRead.isEmpty()) {
            String file = toRead.pop();
            if (!served.add(file)) {
                continue;
            }
            APIGatewayV2HTTPResponse r = get(event, file, null);
            assertEquals(200, r.getStatusCode(), file + " is imported but not served");
            assertEquals(types.get(file.substring(file.lastIndexOf('.') + 1)), r.getHeaders().get("content-type"), file);
            assertEquals("no-cache", r.getHeaders().get("cache-control"), file);
            assertSecurityHeaders(r);
            Matcher imports = IMPORT.matcher(r.getBody());
            while (imports.find()) {
                toRead.add(imports.group(1));
            }
        }
        assertTrue(served.size() > 10, "every module the page imports: " + served);
    }

    @ParameterizedTest
    @Event(value = "events/dashboard.json", type = APIGatewayV2HTTPEvent.class)
    void the_page_runs_no_inline_code_and_keeps_the_key_in_session_storage_only(APIGatewayV2HTTPEvent event) {
        String page = get(event, null, null).getBody();
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(page).find(),
                "inline <script>");
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(page).find(), "inline handler");
        assertFalse(page.contains("style="), "inline style");
        String api = get(event, "api.js", null).getBody();
        assertTrue(api.contains("sessionStorage") && api.contains("authorization"), "the key goes in a header");
        for (String file : List.of("api.js", "main.js", "view-login.js", "forms.js")) {
            String body = get(event, file, null).getBody();
            assertFalse(body.contains("localStorage") || body.contains("document.cookie"), file + " stores the key elsewhere");
        }
    }

    @ParameterizedTest
    @Event(value = "events/dashboard.json", type = APIGatewayV2HTTPEvent.class)
    void an_unchanged_file_is_revalidated_with_its_etag(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse first = get(event, "main.js", null);
        String etag = first.getHeaders().get("etag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
        for (String match : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            APIGatewayV2HTTPResponse again = get(event, "main.js", match);
            assertEquals(304, again.getStatusCode(), match);
            assertNull(again.getBody());
            assertEquals(etag, again.getHeaders().get("etag"));
        }
        assertEquals(200, get(event, "main.js", "\"other\"").getStatusCode());
        assertFalse(etag.equals(get(event, "api.js", null).getHeaders().get("etag")), "each file has its own ETag");
    }

    @ParameterizedTest
    @Event(value = "events/dashboard.json", type = APIGatewayV2HTTPEvent.class)
    void no_name_reaches_anything_but_the_files_of_web_app(APIGatewayV2HTTPEvent event) {
        for (String name : List.of("../index.html", "../../simplelogger.properties", "..%2Fapp%2Fmain.js", "..", ".",
                "app/main.js", "/main.js", "main.js/", "MAIN.JS", "main.js%00", "main.js?x", "index.html",
                "../orderflow/functions/dashboard/DashboardHandler.class", "DashboardHandler.class",
                "simplelogger.properties", "emails/order-shipped.html", "missing.js", "", ".hidden.js", "a\\b.js")) {
            APIGatewayV2HTTPResponse r = get(event, name, null);
            assertEquals(404, r.getStatusCode(), name);
            assertEquals("text/plain; charset=utf-8", r.getHeaders().get("content-type"), name);
            assertSecurityHeaders(r);
        }
    }
}
