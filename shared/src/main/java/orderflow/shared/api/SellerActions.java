package orderflow.shared.api;

import java.time.Clock;
import java.util.Map;

import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.service.LowStockAlerts;
import orderflow.shared.service.OrderActionService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wiring shared by the seller action handlers. What each one may touch follows its environment in
 * template.yaml: without INVENTORY_TABLE it cannot move stock, without ACCOUNTS_TABLE it reads no
 * seller settings.
 */
public final class SellerActions {

    private SellerActions() {
    }

    /**
     * outbox is null for a function that queues no email (its jar has no SQS client); queue is given
     * only where the action can free stock (cancel), to wake the backorders.
     */
    public static OrderActionService service(DynamoDbClient dynamo, EmailOutbox outbox, OrderQueue queue, Env env,
                                             Clock clock) {
        String accounts = env.optional("ACCOUNTS_TABLE");
        String inventory = env.optional("INVENTORY_TABLE");
        DynamoAccounts sellers = accounts == null ? null : new DynamoAccounts(dynamo, accounts);
        LowStockAlerts alerts = inventory == null || sellers == null || outbox == null ? null
                : new LowStockAlerts(new DynamoInventory(dynamo, inventory, null), sellers, outbox);
        env.require("ORDER_HISTORY_TABLE");
        return new OrderActionService(DynamoOrders.fromEnv(dynamo, env), sellers, outbox, alerts, queue, clock);
    }

}
