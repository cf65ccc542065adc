package orderflow.shared.domain.returns;

import orderflow.shared.domain.Failure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether what arrived back matches its RMA: the RMA is AUTHORIZED (rule rma-status), every SKU is on
 * it (not-authorized) and no more units than it authorizes (quantity). Fewer is fine: the RMA is
 * then RECEIVED with what arrived, and the rest may be asked for again.
 */
public final class Receiving {

    private Receiving() {
    }

    /** The received lines, each with the reason of its authorized line; throws {@link Failure.Refused}. */
    public static List<ReceivedLine> check(ReturnAuthorization rma, ReceiveRequest received) {
        if (rma.status() != RmaStatus.AUTHORIZED) {
            throw new Failure.Refused(ReturnRules.RULE_RMA_STATUS, "status", rma.rmaNumber() + " is "
                    + rma.status() + ": only an AUTHORIZED return can be received.");
        }
        List<ReceivedLine> lines = new ArrayList<>();
        Map<String, Integer> units = new HashMap<>();
        for (int i = 0; i < received.lines().size(); i++) {
            ReceiveRequest.Line line = received.lines().get(i);
            ReturnLine authorized = rma.line(line.sku());
            if (authorized == null) {
                throw new Failure.Refused(ReturnRules.RULE_NOT_AUTHORIZED, "lines[" + i + "].sku",
                        line.sku() + " is not on " + rma.rmaNumber() + ".");
            }
            int total = units.merge(line.sku(), line.quantity(), Integer::sum);
            if (total > authorized.quantity()) {
                throw new Failure.Refused(ReturnRules.RULE_QUANTITY, "lines[" + i + "].quantity",
                        line.sku() + ": " + rma.rmaNumber() + " authorizes " + authorized.quantity()
                                + " units, not " + total + ".");
            }
            lines.add(new ReceivedLine(line.sku(), line.quantity(), line.condition(), authorized.reason()));
        }
        return lines;
    }

    /**
     * The lines with each SKU once (sellable and damaged units added up), as the refund needs them:
     * the condition on arrival does not change what is paid back.
     */
    public static List<ReceivedLine> bySku(List<ReceivedLine> lines) {
        Map<String, ReceivedLine> merged = new LinkedHashMap<>();
        for (ReceivedLine l : lines) {
            merged.merge(l.sku(), l, (a, b) -> new ReceivedLine(a.sku(), a.quantity() + b.quantity(), a.condition(),
                    a.reason()));
        }
        return List.copyOf(merged.values());
    }
}
