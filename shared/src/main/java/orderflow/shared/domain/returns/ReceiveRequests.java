package orderflow.shared.domain.returns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body reporting what arrived back for an RMA, {@code {lines: [{sku, quantity, condition}]}},
 * validated with every bad field named: 1 to 48 lines (a receipt is one transaction: two writes per
 * restocked line), each SKU and condition once (some units of a SKU may arrive sellable, others
 * damaged), quantity a whole number from 1 to 10000, condition SELLABLE or DAMAGED. Whether it matches the RMA is {@link Receiving#check}'s business.
 */
public final class ReceiveRequests {

    static final int MAX_LINES = 48;

    private ReceiveRequests() {
    }

    public static ReceiveRequest parse(Map<String, Object> body) {
        Fields in = new Fields();
        List<ReceiveRequest.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Map<String, Object>> raw = in.objects(body, "lines", MAX_LINES, "{sku, quantity, condition}");
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> line = raw.get(i);
            if (line == null) {
                continue;
            }
            String path = "lines[" + i + "]";
            String sku = in.sku(line, "sku", path + ".sku");
            Long quantity = in.whole(line, "quantity", path + ".quantity", 1, Fields.MAX_QUANTITY, true);
            ItemCondition condition = in.oneOf(line, "condition", path + ".condition", ItemCondition.class, true);
            if (sku != null && condition != null && !seen.add(sku + "\n" + condition)) {
                in.error(path + ".sku", "appears twice as " + condition + "; give each SKU once per condition");
            } else if (sku != null && quantity != null && condition != null) {
                lines.add(new ReceiveRequest.Line(sku, quantity.intValue(), condition));
            }
        }
        in.check("receipt");
        return new ReceiveRequest(lines);
    }
}
