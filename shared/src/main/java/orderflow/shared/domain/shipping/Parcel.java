package orderflow.shared.domain.shipping;

/** One box: its weight with contents in grams and its outside dimensions in millimetres. */
public record Parcel(int weightGrams, int lengthMm, int widthMm, int heightMm) {

    public Parcel {
        if (weightGrams <= 0 || lengthMm <= 0 || widthMm <= 0 || heightMm <= 0) {
            throw new IllegalArgumentException("weight and dimensions are positive");
        }
    }
}
