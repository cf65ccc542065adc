package orderflow.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Fails chosen SDK calls, the way a bad day does, for the functions' real clients: before the
 * request leaves (the call never happened), after the response came back (the call happened but
 * the caller never learns it: a timeout or a crash right after the write), or with a 503 from a
 * service that did not do the work (throttling, a 5xx: the request goes to a loopback server
 * that refuses it, so the SDK's own retries see a real 503). Each rule fires a given number of times.
 */
public final class FaultInjector implements ExecutionInterceptor, AutoCloseable {

    public enum Fault { BEFORE_SEND, AFTER_SEND, HTTP_503 }

    private record Rule(String operation, Fault fault, int[] left) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private int fired;

    /** Fails the next {@code times} calls of the operation (e.g. "TransactWriteItems", "SendMessage"). */
    public synchronized FaultInjector fail(String operation, Fault fault, int times) {
        rules.add(new Rule(operation, fault, new int[] {times}));
        return this;
    }

    public synchronized int fired() {
        return fired;
    }

    private synchronized boolean take(ExecutionAttributes attributes, Fault fault) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Rule r : rules) {
            if (r.fault == fault && r.operation.equals(operation) && r.left[0] > 0) {
                r.left[0]--;
                fired++;
                return true;
            }
        }
        return false;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (take(attributes, Fault.BEFORE_SEND)) {
            throw SdkClientException.create("injected: connection reset before "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " was sent");
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (take(attributes, Fault.AFTER_SEND)) {
            throw SdkClientException.create("injected: the response to "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " was lost after it was done");
        }
    }

    private final java.net.URI service;
    private com.sun.net.httpserver.HttpServer proxy;

    /** service: the emulator's endpoint, which a 503 rule's proxy forwards the other attempts to. */
    public FaultInjector(java.net.URI service) {
        this.service = service;
    }

    /**
     * With a 503 rule, every request of this client goes through a loopback proxy, which answers
     * 503 while the rule lasts (per attempt: the SDK's retries reach it too) and otherwise
     * forwards the request to the service and relays its answer unchanged.
     */
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        boolean any;
        synchronized (this) {
            any = rules.stream().anyMatch(r -> r.fault == Fault.HTTP_503);
        }
        if (!any) {
            return context.httpRequest();
        }
        return context.httpRequest().toBuilder().protocol("http").host("127.0.0.1").port(proxyPort())
                .putHeader("x-fault-op", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).build();
    }

    private synchronized boolean take503(String operation) {
        for (Rule r : rules) {
            if (r.fault == Fault.HTTP_503 && r.operation.equals(operation) && r.left[0] > 0) {
                r.left[0]--;
                fired++;
                return true;
            }
        }
        return false;
    }

    private synchronized int proxyPort() {
        if (proxy == null) {
            try {
                proxy = com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            proxy.createContext("/", this::relay);
            proxy.start();
        }
        return proxy.getAddress().getPort();
    }

    private void relay(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        if (take503(exchange.getRequestHeaders().getFirst("x-fault-op"))) {
            byte[] body = "{\"__type\":\"ServiceUnavailableException\",\"message\":\"injected 503\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        java.net.URI target = service.resolve(exchange.getRequestURI().toString());
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) target.toURL().openConnection();
        c.setRequestMethod(exchange.getRequestMethod());
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> c.addRequestProperty(name, v));
            }
        });
        if (request.length > 0) {
            c.setDoOutput(true);
            c.getOutputStream().write(request);
        }
        int status = c.getResponseCode();
        java.io.InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] body = in == null ? new byte[0] : in.readAllBytes();
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null && !name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public synchronized void close() {
        if (proxy != null) {
            proxy.stop(0);
        }
    }
}
