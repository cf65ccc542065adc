package orderflow.shared.ports;

import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;

/**
 * Sets the available quantity of listings on a storefront's platform, in as few calls as the
 * platform allows. The platform SKU is our SKU. Setting an absolute number is safe to repeat.
 */
public interface StockChannel {

    /**
     * One result per SKU of levels (a batch can fail per SKU): Done (the number is there), Retry
     * (throttled, 5xx, not reached in this run), Refused (the platform will not take it: unknown SKU,
     * a link without what the platform needs).
     */
    Map<String, PushResult> setAvailable(ChannelLink link, List<StockLevel> levels);
}
