package orderflow.shared.domain.channels;

import java.util.List;

/**
 * The seller canceled the whole order before it shipped. reason is ours (BUYER_REQUESTED, OUT_OF_STOCK,
 * ADDRESS_UNDELIVERABLE, PRICING_ERROR, FRAUD_SUSPECTED, OTHER; see {@link #platformReason}); note is
 * the seller's text, if any; lines are every line of the order by its platform line id. The platform
 * refunds what the buyer paid (Shopify: refund per the link's refundOnCancel, default true; Amazon does
 * it itself; WooCommerce's cancel moves no money).
 */
public record CancelNotice(String merchantOrderId, String reason, String note, boolean buyerRequested,
                           List<ShipmentNotice.Line> lines) implements ChannelNotice {

    public CancelNotice {
        lines = List.copyOf(lines);
    }

    /** Shopify's OrderCancelReason for ours. */
    public String shopifyReason() {
        return switch (reason) {
            case "BUYER_REQUESTED" -> "CUSTOMER";
            case "OUT_OF_STOCK" -> "INVENTORY";
            case "FRAUD_SUSPECTED" -> "FRAUD";
            case "PRICING_ERROR", "ADDRESS_UNDELIVERABLE" -> "STAFF";
            default -> "OTHER";
        };
    }

    /** Amazon's CancelReason (order acknowledgement feed) for ours. */
    public String amazonReason() {
        return switch (reason) {
            case "BUYER_REQUESTED" -> "BuyerCanceled";
            case "OUT_OF_STOCK" -> "NoInventory";
            case "ADDRESS_UNDELIVERABLE" -> "ShippingAddressUndeliverable";
            case "FRAUD_SUSPECTED" -> "RiskAssessmentInformationNotValid";
            default -> "GeneralAdjustment";
        };
    }

    /** What the platform's own note or reason text says. */
    public String describe() {
        return note == null || note.isBlank() ? reason : reason + ": " + note;
    }

    /** A reason known for one platform, by its name there; see the platform-specific methods. */
    public String platformReason(String platform) {
        return switch (platform) {
            case ChannelLink.SHOPIFY -> shopifyReason();
            case ChannelLink.AMAZON -> amazonReason();
            default -> describe();
        };
    }
}
