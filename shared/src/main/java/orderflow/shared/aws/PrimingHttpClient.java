package orderflow.shared.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never touches the network: it answers each request with a canned 200 JSON
 * body. Priming runs a handler's real code path through clients built on it, so the SDK's
 * marshalling, signing and unmarshalling classes are loaded before a SnapStart snapshot while no
 * connection, credential or remote side effect can end up in it.
 */
public final class PrimingHttpClient implements SdkHttpClient {

    /** (request, request body) -> response body. */
    private final BiFunction<SdkHttpRequest, String, String> responder;

    public PrimingHttpClient(BiFunction<SdkHttpRequest, String, String> responder) {
        this.responder = responder;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                String body = request.contentStreamProvider().map(p -> read(p.newStream())).orElse("");
                byte[] answer = responder.apply(request.httpRequest(), body).getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(answer.length))
                                .putHeader("x-amzn-RequestId", "priming").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String clientName() {
        return "priming";
    }
}
