package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Intake;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An order's {@link Intake} as attributes of its OrdersTable item; absent ones read as {@link Intake#NONE}'s. */
final class IntakeItems {

    private IntakeItems() {
    }

    static void put(Map<String, AttributeValue> item, Intake intake) {
        Attr.putIfPresent(item, "displayNumber", intake.displayNumber());
        if (intake.payOnDelivery()) {
            item.put("payOnDelivery", AttributeValue.fromBool(true));
        }
        if (intake.awaitingPayment()) {
            item.put("awaitingPayment", AttributeValue.fromBool(true));
        }
        if (intake.held()) {
            List<AttributeValue> holds = new ArrayList<>();
            for (FieldError hold : intake.holds()) {
                holds.add(AttributeValue.fromM(Map.of("field", Attr.s(hold.field()), "message", Attr.s(hold.message()))));
            }
            item.put("holds", AttributeValue.fromL(holds));
        }
        Attr.putIfPresent(item, "marketplaceShipBy", intake.marketplaceShipBy());
        Attr.putIfPresent(item, "marketplaceDeliverBy", intake.marketplaceDeliverBy());
        if (!intake.notes().isEmpty()) {
            item.put("notes", AttributeValue.fromL(intake.notes().stream().map(Attr::s).toList()));
        }
    }

    static Intake read(Map<String, AttributeValue> item) {
        List<FieldError> holds = new ArrayList<>();
        if (item.containsKey("holds")) {
            for (AttributeValue v : item.get("holds").l()) {
                holds.add(new FieldError(Attr.str(v.m(), "field"), Attr.str(v.m(), "message")));
            }
        }
        List<String> notes = item.containsKey("notes") ? item.get("notes").l().stream().map(AttributeValue::s).toList()
                : List.of();
        return new Intake(Attr.str(item, "displayNumber"), flag(item, "payOnDelivery"), flag(item, "awaitingPayment"),
                holds, Attr.instant(item, "marketplaceShipBy"), Attr.instant(item, "marketplaceDeliverBy"), notes);
    }

    private static boolean flag(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) && Boolean.TRUE.equals(item.get(name).bool());
    }
}
