package orderflow.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Fails chosen SDK calls, the way a bad day does, for the functions' real clients: before the
 * request leaves (the call never happened), after the response came back (the call happened but
 * the caller never learns it: a timeout or a crash right after the write), or with a 503 from a
 * service that did not do the work (a 5xx, an outage: the request goes to a loopback server that
 * refuses it). A 503 rule refuses every attempt of the calls it takes, so the SDK's own retries
 * all see a real 503 and the SDK gives up: the caller (our code) gets the error, however many
 * attempts the client's retry strategy makes. Each rule takes a given number of calls, and counts
 * how often it fired ({@link #unfired()} names the rules that never did).
 */
public final class FaultInjector implements ExecutionInterceptor, AutoCloseable {

    public enum Fault { BEFORE_SEND, AFTER_SEND, HTTP_503 }

    /** One rule: fails the next {@code times} calls of the operation; fired calls and 503 attempts counted. */
    public static final class Rule {
        final String operation;
        final Fault fault;
        final int times;
        int skip;
        int left;
        int fired;
        int attempts;

        Rule(String operation, Fault fault, int skip, int times) {
            this.operation = operation;
            this.fault = fault;
            this.times = times;
            this.skip = skip;
            this.left = times;
        }

        /** e.g. "TransactWriteItems HTTP_503 x1". */
        @Override
        public String toString() {
            return operation + " " + fault + " x" + times;
        }

        /** e.g. "TransactWriteItems HTTP_503 fired 1/1 (9 attempts)". */
        String figures() {
            return operation + " " + fault + " fired " + fired + "/" + times
                    + (fault == Fault.HTTP_503 ? " (" + attempts + " attempts)" : "");
        }
    }

    /** The 503 rule that took this call, if any: every attempt of it is refused. */
    private static final ExecutionAttribute<Rule> DOOMED = new ExecutionAttribute<>("FaultInjector.doomed");
    /** The doomed call's id, the same on each of its attempts: the proxy counts a rule fired once per call. */
    private static final ExecutionAttribute<String> CALL = new ExecutionAttribute<>("FaultInjector.call");
    private static final String CALL_HEADER = "x-fault-call";

    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> refusedCalls = new HashSet<>();
    private int fired;

    /** Fails the next {@code times} calls of the operation (e.g. "TransactWriteItems", "SendMessage"). */
    public synchronized FaultInjector fail(String operation, Fault fault, int times) {
        return failAfter(operation, fault, 0, times);
    }

    /** Lets the first {@code skip} calls of the operation through, then fails the next {@code times}. */
    public synchronized FaultInjector failAfter(String operation, Fault fault, int skip, int times) {
        rules.add(new Rule(operation, fault, skip, times));
        return this;
    }

    /** How often any rule fired (for a 503 rule: calls refused, however many attempts each). */
    public synchronized int fired() {
        return fired;
    }

    /** The rules that never fired, by name (empty when every rule did). */
    public synchronized List<String> unfired() {
        return rules.stream().filter(r -> r.fired == 0).map(Rule::toString).toList();
    }

    /** Each rule's figures, e.g. "SendEmail HTTP_503 fired 1/1 (4 attempts)". */
    public synchronized List<String> figures() {
        return rules.stream().map(Rule::figures).toList();
    }

    private synchronized Rule take(ExecutionAttributes attributes, Fault fault) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Rule r : rules) {
            if (r.fault == fault && r.operation.equals(operation) && r.left > 0) {
                if (r.skip > 0) {
                    r.skip--;
                    return null;
                }
                r.left--;
                return r;
            }
        }
        return null;
    }

    private synchronized void fired(Rule r) {
        r.fired++;
        fired++;
    }

    /** Once per call, before any attempt: a 503 rule with calls left takes the whole call. */
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Rule r = take(attributes, Fault.HTTP_503);
        if (r != null) {
            attributes.putAttribute(DOOMED, r);
            attributes.putAttribute(CALL, UUID.randomUUID().toString());
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Rule r = take(attributes, Fault.BEFORE_SEND);
        if (r != null) {
            fired(r);
            throw SdkClientException.create("injected: connection reset before "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " was sent");
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Rule r = take(attributes, Fault.AFTER_SEND);
        if (r != null) {
            fired(r);
            throw SdkClientException.create("injected: the response to "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " was lost after it was done");
        }
    }

    private final java.net.URI service;
    private com.sun.net.httpserver.HttpServer proxy;

    /** service: the emulator's endpoint, which the 503 proxy forwards the calls no rule took to. */
    public FaultInjector(java.net.URI service) {
        this.service = service;
    }

    /**
     * With a 503 rule, every request of this client goes through a loopback proxy. A call a 503
     * rule took carries the rule's mark and a call id, and the proxy answers each of its attempts
     * 503; any other request is forwarded to the service and its answer relayed unchanged.
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
        SdkHttpRequest.Builder request = context.httpRequest().toBuilder().protocol("http").host("127.0.0.1")
                .port(proxyPort());
        Rule doomed = attributes.getAttribute(DOOMED);
        if (doomed != null) {
            int index;
            synchronized (this) {
                index = rules.indexOf(doomed);
            }
            request.putHeader("x-fault-rule", String.valueOf(index)).putHeader(CALL_HEADER, attributes.getAttribute(CALL));
        }
        return request.build();
    }

    /** The 503 rule that took the call this request is an attempt of, counted; null to forward it. */
    private synchronized Rule refuse(com.sun.net.httpserver.Headers headers) {
        String index = headers.getFirst("x-fault-rule");
        if (index == null) {
            return null;
        }
        Rule r = rules.get(Integer.parseInt(index));
        r.attempts++;
        if (refusedCalls.add(headers.getFirst(CALL_HEADER))) {
            fired(r);
        }
        return r;
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
        if (refuse(exchange.getRequestHeaders()) != null) {
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
