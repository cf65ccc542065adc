package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import orderflow.shared.domain.channels.PushResult;

/**
 * Login with Amazon access tokens for the SP-API application, one per seller's refresh token (and
 * token endpoint), cached until a minute before they expire. Per execution environment: built after a
 * SnapStart restore, never shared across processes. The client secret and refresh tokens never
 * leave in a result's text. Public for the Amazon Shipping carrier client.
 */
public final class LwaTokens {

    private final ChannelHttp http;
    private final String clientId;
    private final Supplier<String> clientSecret;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    /** An access token and when it stops working. */
    public record Token(String value, Instant expires) {
    }

    public LwaTokens(ChannelHttp http, String clientId, String clientSecret, Clock clock) {
        this(http, clientId, () -> clientSecret, clock);
    }

    /** clientSecret: read when a token is first fetched (after a SnapStart restore, never while priming). */
    public LwaTokens(ChannelHttp http, String clientId, Supplier<String> clientSecret, Clock clock) {
        this.http = http;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    /** A token still good for a minute, from the cache or fetched now; else the result to give up with. */
    public Object token(URI lwa, String refreshToken, List<String> secrets) throws IOException {
        Token cached = cached(lwa, refreshToken);
        return cached != null ? cached : fetch(lwa, refreshToken, secrets);
    }

    /** The cached token still good for a minute, or null. */
    Token cached(URI lwa, String refreshToken) {
        Token token = tokens.get(key(lwa, refreshToken));
        return token != null && token.expires().isAfter(clock.instant().plusSeconds(60)) ? token : null;
    }

    /** Amazon called the token expired or revoked: the next call fetches another. */
    public void forget(URI lwa, String refreshToken, Token token) {
        tokens.remove(key(lwa, refreshToken), token);
    }

    /** Every cached token: each is fetched again at its next use. */
    void clear() {
        tokens.clear();
    }

    /** A new token from Login with Amazon (the refresh-token grant), cached; else the result to give up with. */
    Object fetch(URI lwa, String refreshToken, List<String> secrets) throws IOException {
        String form = "grant_type=refresh_token&refresh_token=" + form(refreshToken) + "&client_id=" + form(clientId)
                + "&client_secret=" + form(clientSecret.get());
        Instant now = clock.instant();
        ChannelHttp.Response r = http.send("POST", lwa,
                Map.of("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8", "Accept", "application/json"),
                form);
        Map<String, Object> answer = map(r.json());
        if (r.status() / 100 == 2 && answer.get("access_token") instanceof String value && !value.isBlank()) {
            long seconds = answer.get("expires_in") instanceof Number n ? n.longValue() : 3600;
            Token token = new Token(value, now.plusSeconds(seconds));
            tokens.put(key(lwa, refreshToken), token);
            return token;
        }
        String error = text(answer.get("error"));
        String description = text(answer.get("error_description"));
        String words = error == null ? ChannelHttp.snippet(r.body())
                : error + (description == null ? "" : ": " + description);
        if (r.status() == 429 || r.status() >= 500 || r.status() / 100 == 2) {
            return new PushResult.Retry(ChannelHttp.clean("Login with Amazon answered HTTP " + r.status() + ": " + words,
                    secrets));
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return new PushResult.Refused(ChannelHttp.clean("Login with Amazon refused the application's client id"
                    + " and secret (" + words + "): check the LWA credentials of the SP-API app.", secrets));
        }
        return new PushResult.Refused(ChannelHttp.clean("Login with Amazon refused the seller's refresh token (HTTP "
                + r.status() + ", " + words + "): the seller must authorize the app again.", secrets));
    }

    private static String key(URI lwa, String refreshToken) {
        return lwa + "\u0000" + refreshToken;
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
