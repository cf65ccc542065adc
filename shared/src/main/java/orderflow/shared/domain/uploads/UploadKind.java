package orderflow.shared.domain.uploads;

import java.util.Arrays;
import java.util.Optional;

/** What a file holds; the name is the one the API and the dashboard use. */
public enum UploadKind {
    SHIPPING_CONFIRMATIONS("shipping-confirmations"),
    STOCK_COUNTS("stock-counts");

    private final String apiName;

    UploadKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<UploadKind> of(String apiName) {
        return Arrays.stream(values()).filter(k -> k.apiName.equals(apiName)).findFirst();
    }
}
