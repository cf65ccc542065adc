package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/**
 * Acknowledge, cancel and refund as Amazon order feeds. Shapes after amzn/selling-partner-api-models
 * models/feeds-api-model/feeds_2021-06-30.json (createFeedDocument 201 {feedDocumentId, url},
 * createFeed 202 {feedId}, ErrorList), the presigned upload (S3's XML errors), and the XSDs
 * amzn-envelope.xsd, OrderAcknowledgement.xsd and OrderAdjustment.xsd (element order as there).
 */
class AmazonFeedsTest {

    private static final String CLIENT_ID = "amzn1.application-oa2-client.0123456789abcdef";
    private static final String CLIENT_SECRET = "amzn1.oa2-cs.v1.fedcba9876543210fedcba9876543210";
    private static final String REFRESH = "Atzr|IwEBIA-refresh-token-of-the-seller";
    private static final String ACCESS = "Atza|IwEBIA-access-token-one";
    private static final String ORDER_ID = "902-1106328-1059050";
    private static final String SELLER = "A2SELLER0001";
    private static final String DOC_ID = "amzn1.tortuga.4.na.3d2f1a7e-1111-4c2e-9e0b-fe55a1b2c3d4";
    private static final String TOKEN = "POST /auth/o2/token";
    private static final String DOCUMENTS = "POST /feeds/2021-06-30/documents";
    private static final String UPLOAD = "PUT /s3/doc-1";
    private static final String FEEDS = "POST /feeds/2021-06-30/feeds";
    private static final String ENVELOPE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AmazonEnvelope"
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"amzn-envelope.xsd\">"
            + "<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>" + SELLER + "</MerchantIdentifier>"
            + "</Header>";

    private StubPlatform amazon;
    private AmazonChannel channel;

    @BeforeEach
    void start() throws Exception {
        amazon = new StubPlatform();
        channel = new AmazonChannel(URI.create(amazon.url()), URI.create(amazon.url() + "/auth/o2/token"), CLIENT_ID,
                CLIENT_SECRET, new AmazonChannelTest.MutableClock(Instant.parse("2026-12-06T10:00:00Z")),
                Duration.ofMillis(800), OutboundRules.allowingLoopback());
    }

    @AfterEach
    void stop() {
        amazon.close();
    }

    private static ChannelLink link() {
        return new ChannelLink("sf_3", ChannelLink.AMAZON, null, Map.of("marketplaceId", "ATVPDKIKX0DER",
                "sellerId", SELLER), Map.of("refreshToken", REFRESH));
    }

    private static final List<ShipmentNotice.Line> LINES = List.of(
            new ShipmentNotice.Line("SKU-A", "68828574383266", 2), new ShipmentNotice.Line("SKU-B", "68828574383267", 1));

    /** Token, document, upload and feed all answer as documented; the feed ids count up. */
    private void happy(String... feedIds) {
        tokenAndDocument();
        amazon.on(UPLOAD, 200, "");
        for (String id : feedIds) {
            amazon.on(FEEDS, 202, "{\"feedId\":\"" + id + "\"}");
        }
    }

    private void tokenAndDocument() {
        amazon.on(TOKEN, 200, "{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")
                .on(DOCUMENTS, 201, "{\"feedDocumentId\":\"" + DOC_ID + "\",\"url\":\"" + amazon.url()
                        + "/s3/doc-1?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=5f1e\"}");
    }

    private List<StubPlatform.Request> sent(String methodAndPath) {
        return amazon.requests().stream().filter(r -> (r.method() + " " + r.path()).equals(methodAndPath)).toList();
    }

    private static List<String> calls(StubPlatform platform) {
        return platform.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    @Test
    void acknowledge_submits_an_order_acknowledgement_feed_with_our_order_id() {
        happy("50001");

        assertEquals(new PushResult.Done("50001"), channel.acknowledge(link(), ORDER_ID,
                new AcknowledgeNotice("ord_9", List.of(LINES.get(0), LINES.get(1), new ShipmentNotice.Line("X", null, 1)))));

        assertEquals(List.of(TOKEN, DOCUMENTS, UPLOAD, FEEDS), calls(amazon));
        StubPlatform.Request document = amazon.request(1);
        assertEquals(ACCESS, document.header("x-amz-access-token"));
        assertEquals("{\"contentType\":\"text/xml; charset=UTF-8\"}", document.body());
        StubPlatform.Request upload = amazon.request(2);
        assertEquals("text/xml; charset=UTF-8", upload.header("Content-Type"));
        assertNull(upload.header("x-amz-access-token"));
        assertEquals("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=5f1e", upload.query());
        assertEquals(ENVELOPE + "<MessageType>OrderAcknowledgement</MessageType><Message><MessageID>1</MessageID>"
                + "<OrderAcknowledgement><AmazonOrderID>" + ORDER_ID + "</AmazonOrderID>"
                + "<MerchantOrderID>ord_9</MerchantOrderID><StatusCode>Success</StatusCode>"
                + "<Item><AmazonOrderItemCode>68828574383266</AmazonOrderItemCode></Item>"
                + "<Item><AmazonOrderItemCode>68828574383267</AmazonOrderItemCode></Item>"
                + "</OrderAcknowledgement></Message></AmazonEnvelope>", upload.body());
        StubPlatform.Request feed = amazon.request(3);
        assertEquals(ACCESS, feed.header("x-amz-access-token"));
        assertEquals("{\"feedType\":\"POST_ORDER_ACKNOWLEDGEMENT_DATA\",\"marketplaceIds\":[\"ATVPDKIKX0DER\"],"
                + "\"inputFeedDocumentId\":\"" + DOC_ID + "\"}", feed.body());
    }

    @Test
    void a_repeat_after_a_lost_answer_uploads_the_same_document_and_submits_one_feed_per_call() {
        happy();
        amazon.on(FEEDS, StubPlatform.Answer.of(202, "{\"feedId\":\"50001\"}").delayed(1_200),
                StubPlatform.Answer.of(202, "{\"feedId\":\"50002\"}"));
        AcknowledgeNotice notice = new AcknowledgeNotice("ord_9", LINES);

        assertInstanceOf(PushResult.Retry.class, channel.acknowledge(link(), ORDER_ID, notice));
        assertEquals(new PushResult.Done("50002"), channel.acknowledge(link(), ORDER_ID, notice));

        List<StubPlatform.Request> uploads = sent(UPLOAD);
        assertEquals(2, uploads.size());
        assertEquals(uploads.get(0).body(), uploads.get(1).body());
        assertEquals(2, sent(FEEDS).size());
    }

    @Test
    void cancel_fails_the_acknowledgement_with_amazons_reason_on_every_item() {
        happy("50003");

        assertEquals(new PushResult.Done("50003"), channel.cancel(link(), ORDER_ID,
                new CancelNotice("ord_9", "BUYER_REQUESTED", "asked by email", true, LINES)));
        assertEquals(ENVELOPE + "<MessageType>OrderAcknowledgement</MessageType><Message><MessageID>1</MessageID>"
                + "<OrderAcknowledgement><AmazonOrderID>" + ORDER_ID + "</AmazonOrderID>"
                + "<MerchantOrderID>ord_9</MerchantOrderID><StatusCode>Failure</StatusCode>"
                + "<Item><AmazonOrderItemCode>68828574383266</AmazonOrderItemCode><CancelReason>BuyerCanceled</CancelReason></Item>"
                + "<Item><AmazonOrderItemCode>68828574383267</AmazonOrderItemCode><CancelReason>BuyerCanceled</CancelReason></Item>"
                + "</OrderAcknowledgement></Message></AmazonEnvelope>", sent(UPLOAD).get(0).body());
        assertTrue(sent(FEEDS).get(0).body().contains("\"feedType\":\"POST_ORDER_ACKNOWLEDGEMENT_DATA\""));
    }

    @Test
    void refund_adjusts_each_items_principal_by_its_share() {
        happy("50004");
        RefundNotice notice = new RefundNotice("ref_7Q", new Money(2500, "USD"), "Damaged", false, List.of(
                new RefundNotice.Line("SKU-A", "68828574383266", 1, new Money(1500, "USD")),
                new RefundNotice.Line("SKU-B", "68828574383267", 1, new Money(1000, "USD"))));

        assertEquals(new PushResult.Done("50004"), channel.refund(link(), ORDER_ID, notice));
        assertEquals(ENVELOPE + "<MessageType>OrderAdjustment</MessageType><Message><MessageID>1</MessageID>"
                + "<OrderAdjustment><AmazonOrderID>" + ORDER_ID + "</AmazonOrderID>"
                + "<AdjustedItem><AmazonOrderItemCode>68828574383266</AmazonOrderItemCode>"
                + "<AdjustmentReason>CustomerReturn</AdjustmentReason><ItemPriceAdjustments><Component>"
                + "<Type>Principal</Type><Amount currency=\"USD\">15.00</Amount></Component></ItemPriceAdjustments>"
                + "</AdjustedItem>"
                + "<AdjustedItem><AmazonOrderItemCode>68828574383267</AmazonOrderItemCode>"
                + "<AdjustmentReason>CustomerReturn</AdjustmentReason><ItemPriceAdjustments><Component>"
                + "<Type>Principal</Type><Amount currency=\"USD\">10.00</Amount></Component></ItemPriceAdjustments>"
                + "</AdjustedItem></OrderAdjustment></Message></AmazonEnvelope>", sent(UPLOAD).get(0).body());
        assertEquals("{\"feedType\":\"POST_PAYMENT_ADJUSTMENT_DATA\",\"marketplaceIds\":[\"ATVPDKIKX0DER\"],"
                + "\"inputFeedDocumentId\":\"" + DOC_ID + "\"}", sent(FEEDS).get(0).body());
    }

    @Test
    void a_goodwill_refund_is_a_general_adjustment_and_lines_without_a_share_are_left_out() {
        happy("50005");
        RefundNotice notice = new RefundNotice("ref_8", new Money(300, "JPY"), null, true, List.of(
                new RefundNotice.Line("SKU-A", "68828574383266", 0, new Money(300, "JPY")),
                new RefundNotice.Line("SKU-B", "68828574383267", 0, new Money(0, "JPY"))));

        channel.refund(link(), ORDER_ID, notice);
        String xml = sent(UPLOAD).get(0).body();
        assertTrue(xml.contains("<AdjustmentReason>GeneralAdjustment</AdjustmentReason>"), xml);
        assertTrue(xml.contains("<Amount currency=\"JPY\">300</Amount>"), xml);
        assertFalse(xml.contains("68828574383267"), xml);
    }

    @Test
    void lines_without_an_order_item_id_and_links_without_a_seller_id_are_refused_without_a_call() {
        RefundNotice refund = new RefundNotice("ref_9", new Money(500, "USD"), "x", false, List.of(
                new RefundNotice.Line("SKU-A", null, 1, new Money(500, "USD"))));
        assertEquals(new PushResult.Refused(AmazonChannel.NO_ORDER_ITEM_ID), channel.refund(link(), ORDER_ID, refund));
        assertEquals(new PushResult.Refused(AmazonChannel.NO_ORDER_ITEM_ID), channel.cancel(link(), ORDER_ID,
                new CancelNotice("ord_9", "OTHER", null, false, List.of(new ShipmentNotice.Line("SKU-A", null, 1)))));
        ChannelLink noSeller = new ChannelLink("sf_3", ChannelLink.AMAZON, null, Map.of("marketplaceId", "ATVPDKIKX0DER"),
                Map.of("refreshToken", REFRESH));
        assertEquals(new PushResult.Refused(AmazonChannel.NO_SELLER_ID), channel.acknowledge(noSeller, ORDER_ID,
                new AcknowledgeNotice("ord_9", LINES)));
        assertEquals(0, amazon.requests().size());
    }

    @Test
    void throttling_is_retried_with_the_operations_rate_limit() {
        happy();
        amazon.on(FEEDS, StubPlatform.Answer.of(429, "{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You"
                + " exceeded your quota for the requested resource.\",\"details\":\"\"}]}")
                .with("x-amzn-RateLimit-Limit", "0.0083"));

        PushResult.Retry retry = assertInstanceOf(PushResult.Retry.class,
                channel.acknowledge(link(), ORDER_ID, new AcknowledgeNotice("ord_9", LINES)));
        assertTrue(retry.reason().startsWith("Amazon throttled createFeed (429, x-amzn-RateLimit-Limit 0.0083):"
                + " QuotaExceeded"), retry.reason());
    }

    @Test
    void amazons_refusals_are_passed_on_in_its_words_without_secrets() {
        amazon.on(TOKEN, 200, "{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")
                .on(DOCUMENTS, StubPlatform.Answer.of(400, "{\"errors\":[{\"code\":\"InvalidInput\",\"message\":"
                                + "\"Invalid Input\",\"details\":\"token " + ACCESS + " refresh " + REFRESH + "\"}]}"),
                        StubPlatform.Answer.of(403, "{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to"
                                + " requested resource is denied.\",\"details\":\"\"}]}"));
        AcknowledgeNotice notice = new AcknowledgeNotice("ord_9", LINES);

        PushResult.Refused invalid = assertInstanceOf(PushResult.Refused.class,
                channel.acknowledge(link(), ORDER_ID, notice));
        assertTrue(invalid.platformMessage().startsWith("Amazon refused createFeedDocument (HTTP 400): InvalidInput:"
                + " Invalid Input"), invalid.platformMessage());
        PushResult.Refused denied = assertInstanceOf(PushResult.Refused.class,
                channel.acknowledge(link(), ORDER_ID, notice));
        assertTrue(denied.platformMessage().contains("Inventory and Order Tracking"), denied.platformMessage());
        for (String secret : List.of(ACCESS, REFRESH, CLIENT_SECRET)) {
            assertFalse(invalid.platformMessage().contains(secret), invalid.platformMessage());
        }
        assertEquals(0, sent(FEEDS).size());
    }

    @Test
    void a_refused_upload_submits_no_feed_and_a_failing_store_is_retried() {
        tokenAndDocument();
        amazon.on(UPLOAD, StubPlatform.Answer.of(403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                        + "SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the"
                        + " signature you provided.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>")
                        .with("Content-Type", "application/xml"),
                StubPlatform.Answer.of(503, "<Error><Code>SlowDown</Code><Message>Please reduce your request rate."
                        + "</Message></Error>").with("Content-Type", "application/xml"));
        AcknowledgeNotice notice = new AcknowledgeNotice("ord_9", LINES);

        assertEquals(new PushResult.Refused("Amazon's feed document store refused the upload (HTTP 403):"
                + " SignatureDoesNotMatch: The request signature we calculated does not match the signature you"
                + " provided."), channel.acknowledge(link(), ORDER_ID, notice));
        PushResult.Retry retry = assertInstanceOf(PushResult.Retry.class, channel.acknowledge(link(), ORDER_ID, notice));
        assertTrue(retry.reason().contains("SlowDown"), retry.reason());
        assertEquals(0, sent(FEEDS).size());
    }
}
