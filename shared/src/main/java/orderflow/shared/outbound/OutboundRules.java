package orderflow.shared.outbound;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where outbound HTTP may go. Inside Lambda, 127.0.0.1 is the Runtime API, 169.254.169.254 and
 * fd00:ec2::254 are instance metadata, and private ranges reach whatever the account routes there: a
 * URL a seller or a platform controls must never reach them. So: https only, and every address a
 * host resolves to must be public. The local stack talks to fakes on http://127.0.0.1, which only
 * {@link #allowingLoopback()} permits: the local runner and the tests choose it, never a deployed
 * stack (the environment switch is not in template.yaml, and TemplateIT checks that).
 */
public final class OutboundRules {

    /** The environment variable the local runner sets to "loopback"; absent in every deployed function. */
    public static final String LOCAL_SWITCH = "ORDERFLOW_LOCAL_OUTBOUND";

    private static final OutboundRules PUBLIC_ONLY = new OutboundRules(false);
    private static final OutboundRules LOCAL = new OutboundRules(true);

    private final boolean loopback;

    private OutboundRules(boolean loopback) {
        this.loopback = loopback;
    }

    /** Production: https to public addresses only. */
    public static OutboundRules publicOnly() {
        return PUBLIC_ONLY;
    }

    /** Dev only: also http, and loopback addresses (the local fakes). Private and metadata addresses stay refused. */
    public static OutboundRules allowingLoopback() {
        return LOCAL;
    }

    /** The rules a function runs with: public only unless the local runner set {@link #LOCAL_SWITCH}. */
    public static OutboundRules fromSwitch(String value) {
        return "loopback".equals(value) ? LOCAL : PUBLIC_ONLY;
    }

    /** Why this URL may not be called before any lookup (scheme, credentials, no host), or null. */
    public String refusal(URI uri) {
        String scheme = uri.getScheme();
        if (!"https".equals(scheme) && !(loopback && "http".equals(scheme))) {
            return "only https URLs are called";
        }
        if (uri.getRawUserInfo() != null) {
            return "a URL with credentials is not called";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "the URL has no host";
        }
        return null;
    }

    /**
     * Every address the URL's host resolves to, once all are checked; refused when the URL or any
     * address is not allowed (one bad address refuses the host: a mixed answer is a rebinding attempt).
     * The caller connects to these, never looks the name up again.
     */
    public InetAddress[] addresses(URI uri, GuardedHttp.Resolver resolver) throws IOException {
        String refusal = refusal(uri);
        if (refusal != null) {
            throw new GuardedHttp.Refused(refusal + ": " + uri.getScheme() + "://" + uri.getHost());
        }
        InetAddress[] addresses = resolver.resolve(bareHost(uri));
        if (addresses.length == 0) {
            throw new UnknownHostException(uri.getHost());
        }
        for (InetAddress a : addresses) {
            String why = refusal(a);
            if (why != null) {
                throw new GuardedHttp.Refused(uri.getHost() + " resolves to a " + why + " (" + a.getHostAddress()
                        + "): not called");
            }
        }
        return addresses;
    }

    /** The host without the brackets of an IPv6 literal. */
    static String bareHost(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** Why this resolved address may not be connected to, or null when it is public. */
    public String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return loopback ? null : "loopback address";
        }
        return forbiddenRange(address);
    }

    /** The non-public range the address falls in, or null (loopback counted as non-public). */
    static String forbiddenRange(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                String inner = embedded.isLoopbackAddress() ? "loopback address" : forbiddenRange(embedded);
                return inner == null ? null : "IPv4 inside IPv6: " + inner;
            }
            if (v6.isLoopbackAddress() || v6.isAnyLocalAddress()) {
                return "loopback or unspecified address";
            }
            if (v6.isLinkLocalAddress() || v6.isSiteLocalAddress()) {
                return "link-local address";
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local address (fc00::/7)";
            }
            if (v6.isMulticastAddress()) {
                return "multicast address";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "documentation address";
            }
            return null;
        }
        byte[] b = ((Inet4Address) address).getAddress();
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 127) {
            return "loopback address";
        }
        if (a0 == 0) {
            return "unspecified address (0.0.0.0/8)";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local address (incl. instance metadata)";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private address (RFC 1918)";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "shared address space (100.64.0.0/10)";
        }
        if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) {
            return "IETF protocol assignment (192.0.0.0/24)";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "benchmarking address (198.18.0.0/15)";
        }
        if (a0 >= 224) {
            return "multicast or reserved address";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::/96) address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros && b[10] == 0 && b[11] == 0
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
