package orderflow.functions.uploads;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.QueueConsumer;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.json.Json;
import orderflow.shared.service.ProcessUpload;
import orderflow.shared.service.ShipOrder;
import orderflow.shared.service.StockUpdateService;

/**
 * UploadQueue consumer: works through an uploaded file until little of the invocation is left,
 * saves where it stopped and queues the upload again, so a 10,000-row file is done in several runs
 * well inside Lambda's limits.
 */
public class ProcessUploadHandler extends QueueConsumer {

    /** Kept for writing the part file and the progress after the last row of a run. */
    static final long RESERVE_MILLIS = 10_000;

    private final ProcessUpload service;

    public ProcessUploadHandler() {
        this(Adapters.live());
    }

    public ProcessUploadHandler(Adapters adapters) {
        this(adapters, RESERVE_MILLIS);
    }

    /** With another reserve (tests: a large one cuts every run short after its first unit). */
    public ProcessUploadHandler(Adapters adapters, long reserveMillis) {
        super(adapters);
        var orders = adapters.ordersWithStockLogAndSyncs();
        ShipOrder ship = new ShipOrder(orders, adapters.accounts(), adapters.emailOutbox(), adapters.channelSyncs(),
                adapters.syncQueue(), adapters.clock());
        var inventory = adapters.inventoryWithMovements();
        StockUpdateService stock = new StockUpdateService(inventory, adapters.lowStockAlerts(), adapters.orderQueue(),
                adapters.clock());
        this.service = new ProcessUpload(adapters.uploads(), adapters.uploadFiles(), adapters.uploadQueue(), orders,
                adapters.sellerStorefronts(), adapters.accounts(), ship, stock, inventory, adapters.clock(),
                reserveMillis);
    }

    @Override
    protected String handle(SQSEvent.SQSMessage message, Context context) {
        Map<String, Object> body = Json.parseObject(message.getBody());
        return service.run(String.valueOf(body.get("sellerId")), String.valueOf(body.get("uploadId")),
                context::getRemainingTimeInMillis);
    }

    /** An unknown upload: the read primed, nothing else to do. */
    @Override
    protected PrimingRun<SQSEvent> priming(Instant now) {
        return PrimingRun.of(Priming.answers().noItem("sellerId", "uploadId"), LambdaStreams.sqsEventOf(Json.write(Map.of(
                "sellerId", PrimingSamples.SELLER, "uploadId", "upl_0000000000000000000000000000"))));
    }
}
