package orderflow.shared.outbound.channels;

import java.util.Map;

/**
 * The XML documents of Amazon's order feeds (amzn-envelope.xsd with OrderAcknowledgement.xsd and
 * OrderAdjustment.xsd): one message per document, MessageID 1, so the same notice always gives the
 * same bytes. MerchantIdentifier is the seller id (Seller Central's merchant token).
 */
final class AmazonFeedXml {

    static final String CONTENT_TYPE = "text/xml; charset=UTF-8";
    static final String ACKNOWLEDGEMENT_FEED = "POST_ORDER_ACKNOWLEDGEMENT_DATA";
    static final String ADJUSTMENT_FEED = "POST_PAYMENT_ADJUSTMENT_DATA";

    private AmazonFeedXml() {
    }

    /**
     * OrderAcknowledgement: Success (the seller takes the order, our id as MerchantOrderID), or
     * Failure (the seller cancels it) with cancelReason on every item; cancelReason null for Success.
     */
    static String acknowledgement(String sellerId, String amazonOrderId, String merchantOrderId, boolean accepted,
                                  Iterable<String> orderItemIds, String cancelReason) {
        StringBuilder x = open(sellerId, "OrderAcknowledgement");
        x.append("<OrderAcknowledgement>");
        element(x, "AmazonOrderID", amazonOrderId);
        if (merchantOrderId != null && !merchantOrderId.isBlank()) {
            element(x, "MerchantOrderID", merchantOrderId);
        }
        element(x, "StatusCode", accepted ? "Success" : "Failure");
        for (String itemId : orderItemIds) {
            x.append("<Item>");
            element(x, "AmazonOrderItemCode", itemId);
            if (cancelReason != null) {
                element(x, "CancelReason", cancelReason);
            }
            x.append("</Item>");
        }
        x.append("</OrderAcknowledgement>");
        return close(x);
    }

    /**
     * OrderAdjustment: per item its reason and the Principal paid back (a positive amount is a credit
     * to the buyer), as decimal strings in currency.
     */
    static String adjustment(String sellerId, String amazonOrderId, String reason, Map<String, String> principalByItem,
                             String currency) {
        StringBuilder x = open(sellerId, "OrderAdjustment");
        x.append("<OrderAdjustment>");
        element(x, "AmazonOrderID", amazonOrderId);
        principalByItem.forEach((itemId, amount) -> {
            x.append("<AdjustedItem>");
            element(x, "AmazonOrderItemCode", itemId);
            element(x, "AdjustmentReason", reason);
            x.append("<ItemPriceAdjustments><Component>");
            element(x, "Type", "Principal");
            x.append("<Amount currency=\"").append(escape(currency)).append("\">").append(escape(amount))
                    .append("</Amount>");
            x.append("</Component></ItemPriceAdjustments>");
            x.append("</AdjustedItem>");
        });
        x.append("</OrderAdjustment>");
        return close(x);
    }

    private static StringBuilder open(String sellerId, String messageType) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<AmazonEnvelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:noNamespaceSchemaLocation=\"amzn-envelope.xsd\">");
        x.append("<Header>");
        element(x, "DocumentVersion", "1.01");
        element(x, "MerchantIdentifier", sellerId);
        x.append("</Header>");
        element(x, "MessageType", messageType);
        x.append("<Message>");
        element(x, "MessageID", "1");
        return x;
    }

    private static String close(StringBuilder x) {
        return x.append("</Message></AmazonEnvelope>").toString();
    }

    private static void element(StringBuilder x, String name, String value) {
        x.append('<').append(name).append('>').append(escape(value.strip())).append("</").append(name).append('>');
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
