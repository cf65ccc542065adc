package orderflow.shared.service;

import java.util.stream.Collectors;

import orderflow.shared.domain.Failure;

/** A refusal of the API as a result file says it: the file's column names in place of the JSON fields. */
final class ShippingConfirmationsText {

    private ShippingConfirmationsText() {
    }

    static String reason(Failure f) {
        String detail = f.getMessage();
        if (f instanceof Failure.InvalidInput invalid && !invalid.errors().isEmpty()) {
            detail += " " + invalid.errors().stream().map(e -> column(e.field()) + " " + e.message())
                    .collect(Collectors.joining("; "));
        }
        return detail;
    }

    static String column(String field) {
        return field.replaceAll("^lines\\[\\d+]\\.", "").replace("shipDate", "ship-date")
                .replace("trackingNumber", "tracking-number").replace("carrier", "carrier-code")
                .replace("onHand", "quantity").replace("lowStockThreshold", "low-stock-threshold")
                .replace("binLocation", "bin");
    }

    static String quote(String value) {
        return value == null ? "(blank)" : value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
