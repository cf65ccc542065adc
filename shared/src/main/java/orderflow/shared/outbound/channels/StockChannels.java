package orderflow.shared.outbound.channels;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;
import orderflow.shared.ports.StockChannel;

/** The stock client of each platform, chosen by the link's platform; an unknown platform is refused. */
public final class StockChannels implements StockChannel {

    private final StockChannel shopify;
    private final StockChannel woocommerce;
    private final StockChannel amazon;

    public StockChannels(StockChannel shopify, StockChannel woocommerce, StockChannel amazon) {
        this.shopify = Objects.requireNonNull(shopify, "shopify");
        this.woocommerce = Objects.requireNonNull(woocommerce, "woocommerce");
        this.amazon = Objects.requireNonNull(amazon, "amazon");
    }

    @Override
    public Map<String, PushResult> setAvailable(ChannelLink link, List<StockLevel> levels) {
        String platform = link.platform() == null ? "" : link.platform().strip().toLowerCase(Locale.ROOT);
        StockChannel client = switch (platform) {
            case ChannelLink.SHOPIFY -> shopify;
            case ChannelLink.WOOCOMMERCE -> woocommerce;
            case ChannelLink.AMAZON -> amazon;
            default -> null;
        };
        if (client == null) {
            return StockResults.all(levels, new PushResult.Refused(ChannelHttp.clean("Stock cannot be sent to platform '"
                    + link.platform() + "': only shopify, woocommerce and amazon are supported.", List.of())));
        }
        return client.setAvailable(link, levels);
    }
}
