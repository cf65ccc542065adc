package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Presentment;
import orderflow.shared.domain.Totals;
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
        Presentment p = intake.presentment();
        if (p != null) {
            Totals t = p.totals();
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("currency", Attr.s(p.currency()));
            m.put("unitPrices", AttributeValue.fromL(p.unitPrices().stream().map(u -> Attr.n(u.minor())).toList()));
            m.put("subtotal", Attr.n(t.subtotal().minor()));
            m.put("shipping", Attr.n(t.shipping().minor()));
            m.put("tax", Attr.n(t.tax().minor()));
            m.put("total", Attr.n(t.total().minor()));
            m.put("discount", Attr.n(t.discount().minor()));
            m.put("fees", Attr.n(t.fees().minor()));
            m.put("taxIncluded", AttributeValue.fromBool(t.taxIncluded()));
            item.put("presentment", AttributeValue.fromM(m));
        }
    }

    private static Presentment presentment(Map<String, AttributeValue> item) {
        if (!item.containsKey("presentment")) {
            return null;
        }
        Map<String, AttributeValue> m = item.get("presentment").m();
        String currency = Attr.str(m, "currency");
        List<Money> unitPrices = m.get("unitPrices").l().stream()
                .map(v -> new Money(Long.parseLong(v.n()), currency)).toList();
        return new Presentment(unitPrices, new Totals(new Money(Attr.num(m, "subtotal"), currency),
                new Money(Attr.num(m, "shipping"), currency), new Money(Attr.num(m, "tax"), currency),
                new Money(Attr.num(m, "total"), currency), new Money(Attr.num(m, "discount"), currency),
                new Money(Attr.num(m, "fees"), currency), Boolean.TRUE.equals(m.get("taxIncluded").bool())));
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
                holds, Attr.instant(item, "marketplaceShipBy"), Attr.instant(item, "marketplaceDeliverBy"), notes,
                presentment(item));
    }

    private static boolean flag(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) && Boolean.TRUE.equals(item.get(name).bool());
    }
}
