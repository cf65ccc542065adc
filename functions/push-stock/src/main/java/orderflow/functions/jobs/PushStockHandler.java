package orderflow.functions.jobs;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import orderflow.shared.api.ScheduledJob;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.ports.StockChannel;
import orderflow.shared.service.StockPushService;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scheduled (every minute): the available units of every SKU changed since its last push (and
 * settled for 20 s) go to the listings of the seller's storefronts whose link has pushStock
 * "true" (StockPushService), coalesced per SKU.
 */
public class PushStockHandler extends ScheduledJob {

    private final StockPushService service;

    public PushStockHandler() {
        this(Adapters.live());
    }

    public PushStockHandler(Adapters adapters) {
        this(adapters, adapters.stockChannel());
    }

    /** With other platform clients (tests pointing at fakes). */
    public PushStockHandler(Adapters adapters, StockChannel channel) {
        super(adapters);
        this.service = new StockPushService(adapters.stockPushes(), channel, adapters.clock());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        StockPushService.Report r = service.run(context::getRemainingTimeInMillis);
        return report(context, "stock.pushed", r.complete(), "due", r.due(), "sellers", r.sellers(),
                "pushed", r.pushed(), "refused", r.refused(), "retried", r.retried(), "cleared", r.cleared());
    }

    /** One marked SKU of a seller whose only link does not push stock: the whole read path, no platform call. */
    @Override
    protected PrimingRun<Map<String, Object>> priming(Instant now) {
        String storefront = PrimingSamples.STOREFRONT;
        return PrimingRun.of(Priming.answers()
                        .query("StockPushDue", Map.of("sellerId", s(PrimingSamples.SELLER), "sku", s("MUG-BLUE"),
                                "pushShard", s("DUE"), "pushSince", s(now.minusSeconds(60).toString())))
                        .itemWhere("pk", "CHANNELS#" + PrimingSamples.SELLER, Map.of("pk",
                                s("CHANNELS#" + PrimingSamples.SELLER), "storefronts", AttributeValue.fromSs(
                                        java.util.List.of(storefront))))
                        .itemWhere("pk", "CHANNEL#" + storefront, Map.of("pk", s("CHANNEL#" + storefront),
                                "platform", s("woocommerce"), "settings", AttributeValue.fromM(Map.of("pushStock",
                                        s("false"))), "secrets", AttributeValue.fromM(Map.of())))
                        .batchGetFindsNothing(),
                Map.of("id", "priming", "detail-type", "Scheduled Event"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
