package orderflow.shared.domain.shipping;

/** How the label is printed: a 4x6 inch PDF (laser or thermal) or ZPL for Zebra-type printers. */
public enum LabelFormat {
    PDF("application/pdf"),
    ZPL("application/zpl");

    private final String contentType;

    LabelFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
