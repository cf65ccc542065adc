package orderflow.shared.domain.returns;

import java.util.List;

/** A validated return request: each SKU once. Made by {@link ReturnRequests#parse}. */
public record ReturnRequest(List<ReturnLine> lines) {

    public ReturnRequest {
        lines = List.copyOf(lines);
    }
}
