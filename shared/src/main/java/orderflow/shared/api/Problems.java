package orderflow.shared.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.SellerAction;
import orderflow.shared.domain.returns.ReturnRules;

/** RFC 9457 problem details for every error the HTTP API answers. Types are documented in docs/problems.md. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    public static APIGatewayV2HTTPResponse from(Failure failure) {
        return switch (failure) {
            case Failure.InvalidInput f -> problem(400, "validation", "Invalid request", f.getMessage(), f.errors());
            case Failure.Unauthenticated f -> problem(401, "signature", "Signature verification failed",
                    f.getMessage(), List.of());
            case Failure.NotFound f -> problem(404, "not-found", "Not found", f.getMessage(), List.of());
            case Failure.TooLarge f -> problem(413, "too-large", "Request body too large", f.getMessage(), List.of());
            case Failure.Conflict f -> problem(409, "conflict", "Concurrent update", f.getMessage(), List.of());
            case Failure.IllegalTransition f -> problem(409, "illegal-transition", "Action not allowed now",
                    f.getMessage(), List.of(), Map.of("orderStatus", f.status().name(),
                            "allowedActions", f.allowed().stream().map(SellerAction::apiName).toList()));
            case Failure.Refused f -> problem(422, "return-refused", ReturnRules.RULE_REFUND_CAP.equals(f.rule())
                    ? "More than can still be refunded" : "Outside the return policy", f.getMessage(),
                    List.of(new FieldError(f.field(), f.getMessage())), Map.of("rule", f.rule()));
            case Failure.NotSetUp f -> problem(409, "not-set-up", "Not set up yet", f.getMessage(), List.of());
            case Failure.CarrierFailed f -> f.refused()
                    ? problem(422, "carrier-refused", "The carrier refused the request", f.getMessage(), List.of())
                    : problem(502, "carrier-unavailable", "The carrier did not answer", f.getMessage(), List.of());
        };
    }

    public static APIGatewayV2HTTPResponse internalError(String requestId) {
        return problem(500, "internal", "Internal error",
                "Something went wrong on our side; nothing you sent is lost if you retry. Request id: "
                        + requestId, List.of());
    }

    public static APIGatewayV2HTTPResponse problem(int status, String type, String title, String detail,
                                                   List<FieldError> errors) {
        return problem(status, type, title, detail, errors, Map.of());
    }

    /** {@code extensions} are RFC 9457 extension members, documented per type in docs/problems.md. */
    public static APIGatewayV2HTTPResponse problem(int status, String type, String title, String detail,
                                                   List<FieldError> errors, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (FieldError e : errors) {
                list.add(Map.of("field", e.field(), "message", e.message()));
            }
            body.put("errors", list);
        }
        body.putAll(extensions);
        return Responses.json(status, body, CONTENT_TYPE);
    }

}
