package orderflow.shared.domain.shipping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.StockItem;

/**
 * The parcel a set of lines makes: the weight given, else the sum of each SKU's unit weight times
 * its units; the box given, else the largest box set on the SKUs. What cannot be worked out is an
 * error naming the SKUs to set up (or the field to give).
 */
public final class ParcelPlan {

    private ParcelPlan() {
    }

    public static Parcel of(Map<String, Integer> lines, Map<String, StockItem> items, Integer weightGrams,
                            ShippingProfile box) {
        List<FieldError> errors = new ArrayList<>();
        long weight = 0;
        ShippingProfile largest = box != null && box.hasBox() ? box : null;
        List<String> unweighed = new ArrayList<>();
        for (Map.Entry<String, Integer> line : lines.entrySet()) {
            StockItem item = items.get(line.getKey());
            ShippingProfile p = item == null ? ShippingProfile.NONE : item.shipping();
            if (p.weightGrams() == null) {
                unweighed.add(line.getKey());
            } else {
                weight += (long) p.weightGrams() * line.getValue();
            }
            if (box == null && p.hasBox() && (largest == null || p.volume() > largest.volume())) {
                largest = p;
            }
        }
        if (weightGrams != null) {
            weight = weightGrams;
        } else if (!unweighed.isEmpty()) {
            errors.add(new FieldError("weightGrams", "is required: no unit weight is set for " + unweighed
                    + " (set weightGrams with PUT /v1/inventory/{sku})"));
        }
        if (largest == null) {
            errors.add(new FieldError("box", "is required: none of " + lines.keySet()
                    + " has a box set (set box with PUT /v1/inventory/{sku})"));
        }
        if (weightGrams == null && weight > Integer.MAX_VALUE) {
            errors.add(new FieldError("weightGrams", "the lines weigh " + weight + " g, more than a parcel can"));
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The parcel's weight or box is not known.", errors);
        }
        return new Parcel((int) weight, largest.lengthMm(), largest.widthMm(), largest.heightMm());
    }
}
