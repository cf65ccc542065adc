package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.ports.SecretBox;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Secrets at rest (issue 21): AccountsTable holds storefront signing secrets and Amazon refresh
 * tokens sealed with the stack's KMS key, bound to their seller and item, and webhooks still verify.
 */
class SecretsAtRestIT {

    private static final Instant NOW = Instant.parse("2026-12-07T04:30:00Z");
    private final TestCloud cloud = TestCloud.get();
    private final ReceiveWebhookHandler webhook = new ReceiveWebhookHandler(
            cloud.adapters("ReceiveWebhookFunction", Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void storefront_secrets_and_refresh_tokens_are_stored_sealed_never_in_plain_text() {
        String seller = cloud.newSeller("sealed");
        DynamoAdmin admin = cloud.admin();
        admin.putStorefront(seller + "-sf", seller, "generic", "whsec_plain_would_leak_1");
        String added = admin.addSecret(seller + "-sf");
        admin.putAmazonStorefront(seller + "-amz", seller, "A" + seller.toUpperCase(), "Atzr|refresh-would-leak");

        Map<String, AttributeValue> storefront = item("STOREFRONT#" + seller + "-sf");
        Map<String, AttributeValue> amazon = item("AMAZONSELLER#A" + seller.toUpperCase());
        for (String raw : List.of(storefront.toString(), amazon.toString())) {
            assertFalse(raw.contains("whsec_plain_would_leak_1") || raw.contains(added)
                    || raw.contains("refresh-would-leak"), raw);
        }
        assertEquals(2, storefront.get("secrets").ss().size());
        assertTrue(storefront.get("secrets").ss().stream().allMatch(SecretBox::isSealed));
        assertTrue(SecretBox.isSealed(amazon.get("refreshToken").s()));
        // and they open again where they belong
        assertEquals(List.of("whsec_plain_would_leak_1", added).stream().sorted().toList(),
                secretsSeenBy("ReceiveWebhookFunction", seller + "-sf").stream().sorted().toList());
        assertEquals("Atzr|refresh-would-leak", cloud.adapters("ReceiveAmazonNotificationFunction").accountsWithSecrets()
                .amazonSeller("A" + seller.toUpperCase()).orElseThrow().refreshToken());
    }

    @Test
    void a_webhook_signed_with_a_sealed_secret_still_verifies() {
        String seller = cloud.newSeller("verify");
        cloud.admin().putStorefront(seller + "-sf", seller, "generic", "whsec_verify_me");

        assertEquals(202, deliver(seller + "-sf", "whsec_verify_me", "S-1").getStatusCode());
        assertEquals(401, deliver(seller + "-sf", "whsec_not_it", "S-2").getStatusCode());
    }

    @Test
    void a_sealed_secret_copied_to_another_storefront_does_not_open_there() {
        String seller = cloud.newSeller("copied");
        String other = cloud.newSeller("victim");
        DynamoAdmin admin = cloud.admin();
        admin.putStorefront(seller + "-a", seller, "generic", "whsec_of_a");
        admin.putStorefront(seller + "-b", seller, "generic", "whsec_of_b");
        admin.putStorefront(other + "-c", other, "generic", "whsec_of_c");
        AttributeValue sealedOfA = item("STOREFRONT#" + seller + "-a").get("secrets");

        for (String target : List.of(seller + "-b", other + "-c")) {
            cloud.dynamo.updateItem(b -> b.tableName(cloud.ref("AccountsTable"))
                    .key(Map.of("pk", AttributeValue.fromS("STOREFRONT#" + target)))
                    .updateExpression("SET secrets = :s").expressionAttributeValues(Map.of(":s", sealedOfA)));

            assertEquals(List.of(), secretsSeenBy("ReceiveWebhookFunction", target), target);
            assertEquals(401, deliver(target, "whsec_of_a", "C-" + target).getStatusCode(), target);
        }
        assertThrows(SecretBox.Unopenable.class, () -> cloud.cloud.sealer().open(sealedOfA.ss().get(0),
                SecretBox.context(other, "STOREFRONT#" + other + "-c")));
    }

    @Test
    void functions_without_decrypt_never_see_a_sealed_secret() {
        String seller = cloud.newSeller("nodecrypt");
        cloud.admin().putStorefront(seller + "-sf", seller, "generic", "whsec_hidden");

        // ReceiveAmazonNotification may read STOREFRONT# items but decrypt only AMAZONSELLER# ones:
        // the adapter it reads storefronts with hands out no secret at all.
        assertEquals(List.of(), cloud.adapters("ReceiveAmazonNotificationFunction").accounts().storefront(seller + "-sf")
                .orElseThrow().secrets());
    }

    @Test
    void a_storefront_written_in_plain_text_before_sealing_verifies_and_the_operator_seals_it() {
        String seller = cloud.newSeller("legacy");
        new DynamoAdmin(cloud.dynamo, cloud.ref("AccountsTable"), cloud.ref("InventoryTable"))
                .putStorefront(seller + "-sf", seller, "generic", "whsec_written_plain");
        assertEquals(List.of("whsec_written_plain"), item("STOREFRONT#" + seller + "-sf").get("secrets").ss());
        assertEquals(202, deliver(seller + "-sf", "whsec_written_plain", "L-1").getStatusCode());

        DynamoAdmin admin = cloud.admin();
        assertTrue(admin.sealPlainSecrets() >= 1);
        assertTrue(SecretBox.isSealed(item("STOREFRONT#" + seller + "-sf").get("secrets").ss().get(0)));
        assertEquals(0, countPlainSecretsOf(seller + "-sf"));
        assertEquals(202, deliver(seller + "-sf", "whsec_written_plain", "L-2").getStatusCode());

        // rotation still works on sealed members: add the next, retire the first by its plain value
        String next = admin.addSecret(seller + "-sf");
        admin.retireSecret(seller + "-sf", "whsec_written_plain");
        assertEquals(List.of(next), secretsSeenBy("ReceiveWebhookFunction", seller + "-sf"));
        assertEquals(401, deliver(seller + "-sf", "whsec_written_plain", "L-3").getStatusCode());
    }

    @Test
    void channel_link_and_carrier_credentials_are_stored_sealed_and_open_only_where_needed() {
        String seller = cloud.newSeller("links");
        DynamoAdmin admin = cloud.admin();
        admin.putStorefront(seller + "-shop", seller, "shopify", "shpss_app_key");
        admin.putChannelLink(new ChannelLink(seller + "-shop", ChannelLink.SHOPIFY, "http://127.0.0.1:9",
                Map.of("shopDomain", "links.myshopify.com"), Map.of("accessToken", "shpat_would_leak")));
        admin.putCarrierAccount(new CarrierAccount(seller, CarrierAccount.EASYPOST, "http://127.0.0.1:9", Map.of(),
                Map.of("apiKey", "EZAK_would_leak", "webhookSecret", "ez_hook_would_leak")));

        Map<String, AttributeValue> link = item("CHANNEL#" + seller + "-shop");
        Map<String, AttributeValue> carrier = item("CARRIER#" + seller + "#easypost");
        for (String raw : List.of(link.toString(), carrier.toString())) {
            assertFalse(raw.contains("would_leak"), raw);
        }
        assertEquals(Map.of("accessToken", "shpat_would_leak"), cloud.adapters("SyncChannelFunction")
                .channelSyncsWithSecrets().link(seller + "-shop").orElseThrow().secrets());
        assertEquals(Map.of("apiKey", "EZAK_would_leak", "webhookSecret", "ez_hook_would_leak"),
                cloud.adapters("BuyLabelFunction").carrierAccounts().get(seller, CarrierAccount.EASYPOST)
                        .orElseThrow().secrets());
        // a function that only decides what to queue reads the link without its credentials
        assertEquals(Map.of(), cloud.adapters("ShipOrderFunction").channelSyncs().link(seller + "-shop")
                .orElseThrow().secrets());
    }

    private long countPlainSecretsOf(String storefrontId) {
        return item("STOREFRONT#" + storefrontId).get("secrets").ss().stream().filter(s -> !SecretBox.isSealed(s)).count();
    }

    private List<String> secretsSeenBy(String function, String storefrontId) {
        return cloud.adapters(function).accountsWithSecrets().storefront(storefrontId).orElseThrow().secrets();
    }

    private Map<String, AttributeValue> item(String pk) {
        return cloud.dynamo.getItem(b -> b.tableName(cloud.ref("AccountsTable")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
    }

    private APIGatewayV2HTTPResponse deliver(String storefrontId, String secret, String externalId) {
        String body = Fixtures.sampleOrderJson(externalId);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/webhooks/" + storefrontId);
        event.setPathParameters(Map.of("storefrontId", storefrontId));
        event.setBody(body);
        event.setHeaders(Map.of("content-type", "application/json", WebhookSignature.HEADER,
                WebhookSignature.sign(secret, NOW.getEpochSecond(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                        .withPath("/webhooks/" + storefrontId).build()).withRequestId("req-" + externalId).build());
        return webhook.handleRequest(event, new TestContext());
    }
}
