package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.auth.ApiKeyAuthorizerHandler;
import orderflow.functions.auth.ApiKeyAuthorizerHandlerAccess;
import orderflow.functions.email.SendEmailHandler;
import orderflow.functions.email.SendEmailHandlerAccess;
import orderflow.functions.orders.GetOrderHandler;
import orderflow.functions.orders.GetOrderHandlerAccess;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.process.ProcessOrderHandlerAccess;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.functions.webhook.ReceiveWebhookHandlerAccess;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.Priming;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

/**
 * SnapStart readiness: every handler is a CRaC Resource whose priming runs its real request path
 * successfully, opens no socket (so no connection, credential or remote effect can be in the
 * snapshot), and no handler holds ids, random state, fixed clocks or sockets of its own.
 */
class SnapStartReadinessIT {

    /** Socket inodes this process has open now (Linux /proc). */
    private static Set<String> sockets() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        inodes.add(target);
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return inodes;
    }

    private static void assertOpensNoSocket(Runnable priming) throws IOException {
        Set<String> before = sockets();
        priming.run();
        Set<String> opened = sockets();
        opened.removeAll(before);
        assertEquals(Set.of(), opened, "priming opened sockets");
    }

    @Test
    void every_handler_keeps_a_priming_hook_and_the_hook_runs_its_priming() throws Exception {
        for (Class<?> handler : List.of(ReceiveWebhookHandler.class, ProcessOrderHandler.class, SendEmailHandler.class,
                GetOrderHandler.class, orderflow.functions.orders.ListOrdersHandler.class, ApiKeyAuthorizerHandler.class,
                orderflow.functions.actions.AcknowledgeOrderHandler.class, orderflow.functions.actions.CancelOrderHandler.class,
                orderflow.functions.actions.ShipOrderHandler.class, orderflow.functions.actions.ConfirmDeliveryHandler.class,
                orderflow.functions.orders.GetOrderHistoryHandler.class, orderflow.functions.orders.ExportOrdersHandler.class,
                orderflow.functions.inventory.UpdateStockHandler.class, orderflow.functions.inventory.GetInventoryHandler.class,
                orderflow.functions.fulfillment.GetPickListHandler.class, orderflow.functions.fulfillment.GetPackingSlipHandler.class,
                orderflow.functions.fulfillment.PackCheckHandler.class,
                orderflow.functions.messages.ReceiveBuyerMessageHandler.class, orderflow.functions.messages.ReplyToBuyerHandler.class,
                orderflow.functions.messages.ListMessagesHandler.class,
                orderflow.functions.amazon.ReceiveAmazonNotificationHandler.class,
                orderflow.functions.returns.ReturnPolicyHandler.class,
                orderflow.functions.returns.CreateReturnHandler.class,
                orderflow.functions.returns.ReceiveReturnHandler.class,
                orderflow.functions.returns.CreateRefundHandler.class,
                orderflow.functions.returns.DeliverRefundHandler.class,
                orderflow.functions.returns.ListReturnsHandler.class,
                orderflow.functions.jobs.FlagOverdueHandler.class, orderflow.functions.jobs.CancelUnpaidHandler.class,
                orderflow.functions.metrics.GetMetricsHandler.class,
                orderflow.functions.dashboard.DashboardHandler.class)) {
            assertEquals(SnapStartHook.class, handler.getDeclaredField("snapStart").getType(), handler.getName());
        }
        int[] runs = {0};
        Resource hook = SnapStartHook.register(() -> runs[0]++);
        hook.beforeCheckpoint(null);
        assertEquals(1, runs[0]);
    }

    @Test
    void priming_runs_each_request_path_to_success_without_touching_the_network() throws IOException {
        // The probe itself sees a real connection, so a silent priming is not a blind probe.
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Set<String> before = sockets();
            try (java.net.Socket client = new java.net.Socket(server.getInetAddress(), server.getLocalPort())) {
                Set<String> during = sockets();
                during.removeAll(before);
                assertFalse(during.isEmpty(), "socket probe sees nothing");
            }
        }
        assertOpensNoSocket(() -> {
            APIGatewayV2HTTPResponse webhook = ReceiveWebhookHandler.prime();
            assertEquals(202, webhook.getStatusCode(), webhook.getBody());
        });
        assertOpensNoSocket(() -> assertEquals(List.of(), ProcessOrderHandler.prime().getBatchItemFailures()));
        assertOpensNoSocket(() -> assertEquals(List.of(), SendEmailHandler.prime().getBatchItemFailures()));
        assertOpensNoSocket(() -> assertEquals(200, GetOrderHandler.prime().getStatusCode()));
        assertOpensNoSocket(() -> assertEquals(200, orderflow.functions.orders.ListOrdersHandler.prime().getStatusCode()));
        assertOpensNoSocket(() -> assertTrue(ApiKeyAuthorizerHandler.prime().getIsAuthorized()));
        assertOpensNoSocket(() -> assertEquals(List.of(),
                orderflow.functions.amazon.ReceiveAmazonNotificationHandler.prime().getBatchItemFailures()));
        assertOpensNoSocket(() -> assertEquals(List.of(),
                orderflow.functions.returns.DeliverRefundHandler.prime().getBatchItemFailures()));
        assertOpensNoSocket(() -> {
            Map<String, Object> report = orderflow.functions.jobs.FlagOverdueHandler.prime();
            // the offline answers give every index bucket the same late order
            assertTrue((Integer) report.get("late") > 0 && (Integer) report.get("digests") == 1, report.toString());
        });
        assertOpensNoSocket(() -> {
            Map<String, Object> report = orderflow.functions.jobs.CancelUnpaidHandler.prime();
            assertTrue((Integer) report.get("canceled") > 0, report.toString());
        });
        for (java.util.function.Supplier<APIGatewayV2HTTPResponse> action : List.<java.util.function.Supplier<APIGatewayV2HTTPResponse>>of(
                orderflow.functions.actions.AcknowledgeOrderHandler::prime, orderflow.functions.actions.CancelOrderHandler::prime,
                orderflow.functions.actions.ShipOrderHandler::prime, orderflow.functions.actions.ConfirmDeliveryHandler::prime,
                orderflow.functions.orders.GetOrderHistoryHandler::prime, orderflow.functions.orders.ExportOrdersHandler::prime,
                orderflow.functions.inventory.UpdateStockHandler::prime, orderflow.functions.inventory.GetInventoryHandler::prime,
                orderflow.functions.fulfillment.GetPickListHandler::prime,
                orderflow.functions.fulfillment.GetPackingSlipHandler::prime,
                orderflow.functions.fulfillment.PackCheckHandler::prime,
                orderflow.functions.messages.ReceiveBuyerMessageHandler::prime,
                orderflow.functions.messages.ReplyToBuyerHandler::prime,
                orderflow.functions.messages.ListMessagesHandler::prime,
                orderflow.functions.returns.ReturnPolicyHandler::prime,
                orderflow.functions.returns.CreateReturnHandler::prime,
                orderflow.functions.returns.ReceiveReturnHandler::prime,
                orderflow.functions.returns.CreateRefundHandler::prime,
                orderflow.functions.returns.ListReturnsHandler::prime,
                orderflow.functions.metrics.GetMetricsHandler::prime,
                orderflow.functions.dashboard.DashboardHandler::prime)) {
            assertOpensNoSocket(() -> {
                APIGatewayV2HTTPResponse response = action.get();
                assertTrue(response.getStatusCode() >= 200 && response.getStatusCode() < 300, response.getBody());
            });
        }
    }

    @Test
    void handlers_hold_no_ids_random_state_fixed_clocks_or_connections() {
        TestCloud cloud = TestCloud.get();
        List<Object> handlers = List.of(
                new ReceiveWebhookHandlerAccess(cloud).create(),
                new ProcessOrderHandlerAccess(cloud).create(),
                new SendEmailHandlerAccess(cloud).create(),
                new GetOrderHandlerAccess(cloud).create(),
                new ApiKeyAuthorizerHandlerAccess(cloud).create(),
                new orderflow.functions.actions.ActionHandlersAccess(cloud).acknowledge(),
                new orderflow.functions.actions.ActionHandlersAccess(cloud).cancel(),
                new orderflow.functions.actions.ActionHandlersAccess(cloud).ship(),
                new orderflow.functions.actions.ActionHandlersAccess(cloud).delivery(),
                new orderflow.functions.orders.OrderReadHandlersAccess(cloud).history(),
                new orderflow.functions.orders.OrderReadHandlersAccess(cloud).export(),
                new orderflow.functions.inventory.InventoryHandlersAccess(cloud).update(),
                new orderflow.functions.inventory.InventoryHandlersAccess(cloud).read(),
                new orderflow.functions.fulfillment.FulfillmentHandlersAccess(cloud).pickList(),
                new orderflow.functions.fulfillment.FulfillmentHandlersAccess(cloud).packingSlip(),
                new orderflow.functions.fulfillment.FulfillmentHandlersAccess(cloud).packCheck(),
                new orderflow.functions.messages.MessageHandlersAccess(cloud).receive(Clock.systemUTC()),
                new orderflow.functions.messages.MessageHandlersAccess(cloud).reply(Clock.systemUTC()),
                new orderflow.functions.messages.MessageHandlersAccess(cloud).list(Clock.systemUTC()),
                orderflow.functions.dashboard.DashboardHandlerAccess.create());
        handlers = new ArrayList<>(handlers);
        handlers.addAll(new orderflow.functions.returns.ReturnHandlersAccess(cloud).all());
        handlers.addAll(new orderflow.functions.jobs.JobHandlersAccess(cloud).all());
        for (Object handler : handlers) {
            List<String> found = new ArrayList<>();
            walk(handler, "", new IdentityHashMap<>(), found);
            assertEquals(List.of(), found, handler.getClass().getSimpleName());
        }
        assertFalse(Priming.ENV.require("ORDERS_TABLE").equals(String.valueOf(cloud.cloud.ref("OrdersTable"))));
    }

    /** Our own object graph (orderflow.* classes); SDK clients are leaves, checked by the socket test. */
    private static void walk(Object o, String path, Map<Object, Boolean> seen, List<String> found) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Random || o instanceof UUID || o instanceof java.time.Instant || o instanceof java.net.Socket) {
            found.add(path + ": " + o.getClass().getName());
            return;
        }
        if (o instanceof Clock clock && !clock.equals(Clock.systemUTC())) {
            found.add(path + ": fixed or offset clock " + clock);
            return;
        }
        if (o instanceof Collection<?> c) {
            c.forEach(e -> walk(e, path + "[]", seen, found));
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.values().forEach(e -> walk(e, path + "{}", seen, found));
            return;
        }
        if (!o.getClass().getName().startsWith("orderflow.")) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    walk(f.get(o), path + "." + f.getName(), seen, found);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
