package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.local.Template;
import orderflow.shared.api.FunctionHandler;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.Adapters;
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

    /** Every function of template.yaml, built as a test builds it: on the test cloud's adapters. */
    private static Map<String, FunctionHandler<?, ?>> handlers() throws Exception {
        TestCloud cloud = TestCloud.get();
        Template template = Template.load(cloud.root.resolve("template.yaml"));
        Map<String, FunctionHandler<?, ?>> handlers = new TreeMap<>();
        for (String id : template.idsOfType("AWS::Serverless::Function")) {
            String handler = (String) template.properties(id).get("Handler");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertTrue(FunctionHandler.class.isAssignableFrom(type), type + " extends no FunctionHandler base");
            handlers.put(id, (FunctionHandler<?, ?>) type.getConstructor(Adapters.class).newInstance(cloud.adapters(id)));
        }
        assertTrue(handlers.size() >= 32, "functions found: " + handlers.keySet());
        return handlers;
    }

    @Test
    void every_handler_keeps_a_priming_hook_and_the_hook_runs_its_priming() throws Exception {
        // The base holds the hook for every handler built live (the no-argument constructor).
        assertEquals(SnapStartHook.class, FunctionHandler.class.getDeclaredField("snapStart").getType());
        for (FunctionHandler<?, ?> handler : handlers().values()) {
            assertNotNull(handler.getClass().getConstructor(), handler.getClass() + " needs a no-argument constructor");
        }
        int[] runs = {0};
        Resource hook = SnapStartHook.register(() -> runs[0]++);
        hook.beforeCheckpoint(null);
        assertEquals(1, runs[0]);
    }

    @Test
    void priming_runs_each_request_path_to_success_without_touching_the_network() throws Exception {
        // The probe itself sees a real connection, so a silent priming is not a blind probe.
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Set<String> before = sockets();
            try (java.net.Socket client = new java.net.Socket(server.getInetAddress(), server.getLocalPort())) {
                Set<String> during = sockets();
                during.removeAll(before);
                assertFalse(during.isEmpty(), "socket probe sees nothing");
            }
        }
        for (Map.Entry<String, FunctionHandler<?, ?>> e : handlers().entrySet()) {
            Object[] answer = new Object[1];
            // prime() throws unless the answer is a success (2xx, no failed message, authorized)
            assertOpensNoSocket(() -> answer[0] = e.getValue().prime());
            switch (e.getKey()) {
                case "ReceiveWebhookFunction" -> assertEquals(202, ((APIGatewayV2HTTPResponse) answer[0]).getStatusCode());
                case "FlagOverdueFunction" -> {
                    Map<?, ?> report = (Map<?, ?>) answer[0];
                    // the offline answers give every index bucket the same late order
                    assertTrue((Integer) report.get("late") > 0 && (Integer) report.get("digests") == 1
                            && (Integer) report.get("refusedSyncs") == 1, report.toString());
                }
                case "SweepChannelSyncsFunction" -> assertEquals(1, ((Map<?, ?>) answer[0]).get("requeued"),
                        String.valueOf(answer[0]));
                case "CancelUnpaidFunction" -> assertTrue((Integer) ((Map<?, ?>) answer[0]).get("canceled") > 0,
                        String.valueOf(answer[0]));
                default -> assertNotNull(answer[0], e.getKey());
            }
        }
    }

    @Test
    void priming_fails_loudly_when_a_read_has_no_canned_answer() {
        Priming.Answers none = Priming.answers();
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> new orderflow.shared.aws.DynamoAccounts(Priming.dynamoDb(none), "priming-accounts").seller("s"));
        assertTrue(String.valueOf(e.getMessage()).contains("no canned answer") || e.getCause() != null
                && String.valueOf(e.getCause().getMessage()).contains("no canned answer"), String.valueOf(e));
    }

    @Test
    void handlers_hold_no_ids_random_state_fixed_clocks_or_connections() throws Exception {
        TestCloud cloud = TestCloud.get();
        for (FunctionHandler<?, ?> handler : handlers().values()) {
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
