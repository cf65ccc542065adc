package orderflow.shared.aws;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import orderflow.shared.outbound.GuardedHttp;
import orderflow.shared.outbound.OutboundRules;

/** The operator's set-refund-url: refused before anything is written (no DynamoDB client is needed to refuse). */
class RefundUrlCheckTest {

    private final DynamoAdmin admin = new DynamoAdmin(null, "accounts", "inventory");

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9001/2018-06-01/runtime/invocation/next", "http://localhost/refunds",
            "https://localhost/refunds", "https://127.0.0.1/refunds", "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.5/refunds", "https://192.168.1.10/refunds", "https://172.20.0.1/refunds",
            "https://100.64.1.1/refunds", "https://[::1]/refunds", "https://[fd00:ec2::254]/refunds",
            "https://[::ffff:169.254.169.254]/refunds", "https://0.0.0.0/refunds", "http://refunds.example.com/hook",
            "https://user:secret@refunds.example.com/hook", "not a url"})
    void a_refund_url_to_this_machine_a_private_network_metadata_or_in_clear_text_is_refused(String url) {
        assertThrows(IllegalArgumentException.class, () -> admin.setRefundUrl("sf_1", url));
    }

    @Test
    void a_public_name_that_resolves_to_a_private_address_is_refused() {
        GuardedHttp.Resolver internal = host -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
        assertThrows(IllegalArgumentException.class, () -> admin.setRefundUrl("sf_1", "https://refunds.shop.example/hook",
                OutboundRules.publicOnly(), internal));
    }

    @Test
    void a_public_https_url_passes_the_check() {
        GuardedHttp.Resolver external = host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
        DynamoAdmin.checkRefundUrl("https://refunds.shop.example/hook", OutboundRules.publicOnly(), external);
    }
}
