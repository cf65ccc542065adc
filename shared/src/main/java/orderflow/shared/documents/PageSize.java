package orderflow.shared.documents;

import java.util.Optional;

/** The page sizes we print on, in PDF points (1/72 inch). */
public enum PageSize {
    A4("A4", 595.28f, 841.89f),
    LETTER("LETTER", 612, 792),
    /** The thermal label printers' 4 x 6 inch stock, which carrier labels come on too. */
    LABEL_4X6("4x6", 288, 432);

    private final String apiName;
    private final float width;
    private final float height;

    PageSize(String apiName, float width, float height) {
        this.apiName = apiName;
        this.width = width;
        this.height = height;
    }

    /** The pageSize query value: A4, LETTER or 4x6 (any case). */
    public static Optional<PageSize> parse(String value) {
        for (PageSize s : values()) {
            if (s.apiName.equalsIgnoreCase(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public String apiName() {
        return apiName;
    }

    public float width() {
        return width;
    }

    public float height() {
        return height;
    }

    /** Small stock gets small margins and type, so a slip still fits a label. */
    boolean small() {
        return this == LABEL_4X6;
    }
}
