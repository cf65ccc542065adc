package orderflow.shared.ports;

import java.util.Set;

/** The storefronts a seller's platform order ids can come from (see UploadedOrders). */
public interface SellerStorefronts {

    Set<String> storefrontIds(String sellerId);
}
