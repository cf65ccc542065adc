package orderflow.shared.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundRulesTest {

    private static final OutboundRules PUBLIC = OutboundRules.publicOnly();
    private static final OutboundRules LOCAL = OutboundRules.allowingLoopback();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3",
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "192.0.0.170", "198.18.0.1",
            "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::ffff:192.168.1.1", "::10.0.0.1",
            "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1"})
    void loopback_link_local_metadata_private_shared_unique_local_mapped_and_multicast_addresses_are_refused(String ip)
            throws Exception {
        assertNotNull(PUBLIC.refusal(InetAddress.getByName(ip)), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255",
            "192.169.0.1", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"})
    void public_addresses_are_allowed(String ip) throws Exception {
        assertNull(PUBLIC.refusal(InetAddress.getByName(ip)), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "169.254.169.254", "192.168.1.1", "fd00:ec2::254", "100.64.0.1"})
    void the_local_switch_allows_loopback_only_never_private_or_metadata(String ip) throws Exception {
        assertNull(LOCAL.refusal(InetAddress.getByName("127.0.0.1")));
        assertNotNull(LOCAL.refusal(InetAddress.getByName(ip)), ip);
    }

    @Test
    void only_https_without_credentials_and_http_only_under_the_local_switch() {
        assertNotNull(PUBLIC.refusal(URI.create("http://refunds.example.com/")));
        assertNotNull(PUBLIC.refusal(URI.create("ftp://refunds.example.com/")));
        assertNotNull(PUBLIC.refusal(URI.create("https://user:pw@refunds.example.com/")));
        assertNull(PUBLIC.refusal(URI.create("https://refunds.example.com/hook")));
        assertNull(LOCAL.refusal(URI.create("http://127.0.0.1:8080/hook")));
    }

    @Test
    void the_switch_is_off_unless_the_runner_sets_it_to_loopback() {
        assertEquals(PUBLIC, OutboundRules.fromSwitch(null));
        assertEquals(PUBLIC, OutboundRules.fromSwitch("true"));
        assertEquals(LOCAL, OutboundRules.fromSwitch("loopback"));
    }

    @Test
    void one_private_address_among_public_ones_refuses_the_host() {
        GuardedHttp.Resolver dns = host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("10.0.0.7")};
        GuardedHttp.Refused refused = assertThrows(GuardedHttp.Refused.class,
                () -> PUBLIC.addresses(URI.create("https://shop.example/hook"), dns));
        assertNotNull(refused.getMessage());
    }
}
