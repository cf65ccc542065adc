package orderflow.shared.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Totals;

/**
 * A verified delivery we could not read as an order still becomes one: held, every field named,
 * with its raw payload kept on it, so a misreading of ours never loses a sale. Without a readable
 * order id the id is derived from the body, so redeliveries of the same body stay one order.
 */
final class UnreadableOrders {

    private static final String WHAT_TO_DO = "; the delivery is kept as it came: fix the order on the platform "
            + "(its next delivery updates this one) or cancel it";

    private UnreadableOrders() {
    }

    static IncomingOrder held(String externalOrderId, List<FieldError> errors, byte[] body) {
        List<FieldError> holds = new ArrayList<>();
        for (FieldError e : errors) {
            holds.add(new FieldError(e.field(), e.message() + (holds.isEmpty() ? WHAT_TO_DO : "")));
        }
        if (holds.isEmpty()) {
            holds.add(new FieldError("body", "could not be read as an order" + WHAT_TO_DO));
        }
        Money zero = Money.zero("XXX");
        return new IncomingOrder(externalOrderId == null ? bodyId(body) : externalOrderId, null, false, "XXX",
                new Buyer("unknown buyer", null), Address.NONE, List.of(), new Totals(zero, zero, zero, zero),
                new Intake(null, false, true, holds, null, null, List.of()));
    }

    /** The order as read, with an id derived from the body and a hold that says the id was missing. */
    static IncomingOrder withBodyId(IncomingOrder order, byte[] body) {
        List<FieldError> holds = new ArrayList<>(order.intake().holds());
        Intake intake = order.intake().withHolds(holds.isEmpty()
                ? List.of(new FieldError("id", "is missing: the order is kept under an id made from its content"))
                : holds);
        return new IncomingOrder(bodyId(body), order.createdAt(), order.paid(), order.currency(), order.buyer(),
                order.shipTo(), order.lines(), order.totals(), intake);
    }

    private static String bodyId(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "unread-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
