package orderflow.shared.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.service.OrderExportService;

/** The answer to GET /v1/orders/export: the CSV as an attachment, and where the rest is when it ended early. */
public final class ExportResponses {

    private ExportResponses() {
    }

    /** 200 text/csv with X-Row-Count; a part that ended early links the next one (Link rel="next", X-Next-Cursor). */
    public static APIGatewayV2HTTPResponse csv(OrderExportService.Export export) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-disposition", "attachment; filename=\"orders.csv\"");
        headers.put("x-row-count", Integer.toString(export.rows()));
        if (export.nextCursor() != null) {
            // The same range as this part (to resolved, so "now" does not move on between parts).
            String next = "/v1/orders/export?from=" + encode(export.from().toString()) + "&to="
                    + encode(export.to().toString()) + "&cursor=" + export.nextCursor();
            headers.put("link", "<" + next + ">; rel=\"next\"");
            headers.put("x-next-cursor", export.nextCursor());
        }
        return Responses.text(200, export.csv(), "text/csv; charset=utf-8", headers);
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
