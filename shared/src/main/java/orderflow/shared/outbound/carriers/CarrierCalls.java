package orderflow.shared.outbound.carriers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Collection;

import orderflow.shared.domain.shipping.CarrierException;
import orderflow.shared.domain.shipping.CarrierException.Kind;
import orderflow.shared.outbound.channels.ChannelHttp;

/**
 * How a carrier's HTTP answer becomes a {@link CarrierException}. A purchase is the one call whose
 * failure may hide a charge: a 5xx or a lost answer after it was sent is UNKNOWN_OUTCOME (look
 * before buying again); for every other call it is UNAVAILABLE (nothing happened, or repeating it is
 * harmless). 401/403 UNAUTHORIZED, 404 NOT_FOUND, 429 UNAVAILABLE, other 4xx REJECTED.
 */
final class CarrierCalls {

    /** Whether a failed call may have taken effect (a purchase) or not. */
    enum Effect { PURCHASE, OTHER }

    private CarrierCalls() {
    }

    static CarrierException refused(int status, Effect effect, String provider, String words, Collection<String> secrets) {
        Kind kind;
        if (status == 401 || status == 403) {
            kind = Kind.UNAUTHORIZED;
        } else if (status == 404) {
            kind = Kind.NOT_FOUND;
        } else if (status == 429) {
            kind = Kind.UNAVAILABLE;
        } else if (status >= 400 && status < 500) {
            kind = Kind.REJECTED;
        } else {
            kind = effect == Effect.PURCHASE ? Kind.UNKNOWN_OUTCOME : Kind.UNAVAILABLE;
        }
        return new CarrierException(kind, status, ChannelHttp.clean(provider + " answered HTTP " + status + ": " + words, secrets));
    }

    /**
     * No answer. A connection never made sent nothing (UNAVAILABLE); a purchase that may have left
     * (a timeout, a reset) is UNKNOWN_OUTCOME.
     */
    static CarrierException unanswered(IOException e, Effect effect, String provider, Collection<String> secrets) {
        boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
        Kind kind = effect == Effect.PURCHASE && !neverSent ? Kind.UNKNOWN_OUTCOME : Kind.UNAVAILABLE;
        return new CarrierException(kind, 0, ChannelHttp.clean(provider + " did not answer: " + ChannelHttp.describe(e), secrets));
    }

    /** The account's API root without a trailing slash; REJECTED when it is not an http(s) URL. */
    static String root(String baseUrl, String provider) {
        try {
            URI uri = new URI(baseUrl == null ? "" : baseUrl.strip());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(String.valueOf(baseUrl), "not an http(s) URL");
            }
            String s = uri.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        } catch (URISyntaxException e) {
            throw new CarrierException(Kind.REJECTED, 0, "The " + provider + " account's base URL is not an http(s) URL.");
        }
    }

    static CarrierException missingSecret(String provider, String name) {
        return new CarrierException(Kind.UNAUTHORIZED, 0, "The " + provider + " account has no " + name + ".");
    }
}
