package orderflow.shared.domain.shipping;

/**
 * How one unit of a SKU ships, set on its inventory item: its weight in grams and the box it ships in
 * (millimetres). Each part may be absent; rates ask for what the parcel cannot be worked out from.
 */
public record ShippingProfile(Integer weightGrams, Integer lengthMm, Integer widthMm, Integer heightMm) {

    public static final ShippingProfile NONE = new ShippingProfile(null, null, null, null);

    public boolean hasBox() {
        return lengthMm != null && widthMm != null && heightMm != null;
    }

    /** The box's volume in cubic millimetres (0 without a box), to pick the largest box of a parcel. */
    public long volume() {
        return hasBox() ? (long) lengthMm * widthMm * heightMm : 0;
    }
}
