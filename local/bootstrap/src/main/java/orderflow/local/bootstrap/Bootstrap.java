package orderflow.local.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

/**
 * Runs in a function's own JVM: loads the handler named by _HANDLER, then loops on the Lambda
 * Runtime API at AWS_LAMBDA_RUNTIME_API (next -> handle -> response|error), like the java21 managed
 * runtime. Configuration reaches the function only through its environment, as on Lambda.
 */
public final class Bootstrap {

    private static final String BASE = "/2018-06-01/runtime";

    private Bootstrap() {
    }

    public static void main(String[] args) throws Exception {
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + BASE;
        Invoker invoker;
        try {
            invoker = Invoker.load(System.getenv("_HANDLER"));
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ite ? ite.getCause() : t;
            post(api + "/init/error", errorJson(cause));
            System.err.println("init failed: " + stackTrace(cause));
            System.exit(1);
            return;
        }
        while (true) {
            // HttpURLConnection, not java.net.http: the SDK's UrlConnection client loads it anyway, so the
            // runtime client adds almost no classes of its own to a cold start (the managed runtime's is native).
            HttpURLConnection next = (HttpURLConnection) URI.create(api + "/invocation/next").toURL().openConnection();
            next.setReadTimeout(0);
            if (next.getResponseCode() != 200) {
                return; // the runner is shutting this environment down
            }
            String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            String deadlineHeader = next.getHeaderField("Lambda-Runtime-Deadline-Ms");
            long deadline = deadlineHeader == null ? System.currentTimeMillis() + 900_000 : Long.parseLong(deadlineHeader);
            byte[] event;
            try (InputStream in = next.getInputStream()) {
                event = in.readAllBytes();
            }
            LocalContext context = new LocalContext(requestId, deadline);
            try {
                byte[] output = invoker.invoke(event, context);
                post(api + "/invocation/" + requestId + "/response", output);
            } catch (Throwable t) {
                Throwable cause = t instanceof InvocationTargetException ite ? ite.getCause() : t;
                System.err.println("invocation " + requestId + " failed: " + stackTrace(cause));
                post(api + "/invocation/" + requestId + "/error", errorJson(cause));
            }
        }
    }

    /**
     * Calls the handler method as the java21 runtime would: (InputStream, OutputStream, Context)
     * methods get the raw bytes; (event, Context) methods get events made by Lambda's serialisers.
     */
    static final class Invoker {
        private final Object handler;
        private final Method method;
        private final boolean stream;
        private final PojoSerializer<Object> input;
        private final PojoSerializer<Object> output;

        private Invoker(Object handler, Method method, boolean stream, PojoSerializer<Object> input,
                        PojoSerializer<Object> output) {
            this.handler = handler;
            this.method = method;
            this.stream = stream;
            this.input = input;
            this.output = output;
        }

        static Invoker load(String handlerName) throws Exception {
            String className = handlerName.contains("::") ? handlerName.substring(0, handlerName.indexOf("::"))
                    : handlerName;
            String methodName = handlerName.contains("::") ? handlerName.substring(handlerName.indexOf("::") + 2)
                    : "handleRequest";
            Class<?> type = Class.forName(className, true, Bootstrap.class.getClassLoader());
            Object handler = type.getConstructor().newInstance();
            for (Method m : type.getMethods()) {
                Class<?>[] p = m.getParameterTypes();
                if (m.getName().equals(methodName) && p.length == 3 && p[0] == InputStream.class
                        && p[1] == OutputStream.class && p[2] == Context.class) {
                    return new Invoker(handler, m, true, null, null);
                }
            }
            for (Method m : type.getMethods()) {
                if (m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic()
                        && m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class) {
                    return new Invoker(handler, m, false, serializer(m.getParameterTypes()[0]),
                            m.getReturnType() == void.class ? null : serializer(m.getReturnType()));
                }
            }
            throw new NoSuchMethodException(className + "::" + methodName + "(event, Context)");
        }

        @SuppressWarnings("unchecked")
        private static PojoSerializer<Object> serializer(Class<?> type) {
            ClassLoader loader = Bootstrap.class.getClassLoader();
            if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
                return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
            }
            return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
        }

        byte[] invoke(byte[] event, Context context) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (stream) {
                method.invoke(handler, new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            }
            Object in = input.fromJson(new ByteArrayInputStream(event));
            Object result = method.invoke(handler, in, context);
            if (output == null || result == null) {
                return "null".getBytes(StandardCharsets.UTF_8);
            }
            output.toJson(result, out);
            return out.toByteArray();
        }
    }

    private static void post(String url, byte[] body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        c.setConnectTimeout(30_000);
        c.setReadTimeout(30_000);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        c.getResponseCode();
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes(); // drain, so the connection is reused
        }
    }

    private static byte[] errorJson(Throwable t) {
        String message = String.valueOf(t.getMessage()).replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\r", "").replace("\t", " ");
        return ("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + t.getClass().getName() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }

}
