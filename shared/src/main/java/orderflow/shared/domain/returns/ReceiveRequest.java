package orderflow.shared.domain.returns;

import java.util.List;

/** A validated report of what arrived back for an RMA: each SKU once. Made by {@link ReceiveRequests#parse}. */
public record ReceiveRequest(List<Line> lines) {

    public ReceiveRequest {
        lines = List.copyOf(lines);
    }

    public record Line(String sku, int quantity, ItemCondition condition) {
    }
}
