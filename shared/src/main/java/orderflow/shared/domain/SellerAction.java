package orderflow.shared.domain;

/** The seller API's order actions; {@link OrderStatus#sellerActions()} says which apply when. */
public enum SellerAction {
    ACKNOWLEDGE("acknowledge"), CANCEL("cancel"), SHIP("ship"), CONFIRM_DELIVERY("confirm-delivery"), RETURN("return"),
    REFUND("refund");

    private final String apiName;

    SellerAction(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
