package orderflow.shared.domain.storefront;

import java.util.List;

import orderflow.shared.domain.IncomingOrder;

/** What a storefront delivery means for us, once read from the platform's own format. */
public sealed interface StorefrontEvent {

    /** A new order, or a new version of one (a payment confirmation): stored once by its external id. */
    record Placed(IncomingOrder order) implements StorefrontEvent {
    }

    /**
     * The storefront canceled an order. buyerRequested: the buyer asked for it (does not count against
     * the seller's cancel rate); reason: "platform: why", for the order's history. order: the order as
     * the cancel delivery describes it (Shopify and WooCommerce send the whole order), so a cancel that
     * arrives before its create still leaves the order here, canceled; null when the platform sends none.
     */
    record Canceled(String externalOrderId, boolean buyerRequested, String reason, IncomingOrder order)
            implements StorefrontEvent {

        public Canceled(String externalOrderId, boolean buyerRequested, String reason) {
            this(externalOrderId, buyerRequested, reason, null);
        }
    }

    /**
     * The seller shipped on the platform itself: each shipment is recorded here (stock committed), and
     * nothing goes back to the platform, which made it. Several when one delivery names several
     * packages (Shopify's orders/fulfilled carries every fulfillment of the order).
     */
    /**
     * Shipments made on the platform. order: the order as the delivery describes it (WooCommerce's
     * completed order, Shopify's orders/fulfilled), so an order that reaches us first as shipped is
     * still kept; null when the delivery carries none (Shopify's fulfillments/create).
     */
    record Shipped(String externalOrderId, List<PlatformShipment> shipments, IncomingOrder order)
            implements StorefrontEvent {

        public Shipped {
            shipments = List.copyOf(shipments);
        }

        public Shipped(String externalOrderId, List<PlatformShipment> shipments) {
            this(externalOrderId, shipments, null);
        }

        public Shipped(String externalOrderId, PlatformShipment shipment) {
            this(externalOrderId, List.of(shipment), null);
        }

        /** A whole-order delivery: its shipments with the order it describes; no shipment to read: the order. */
        static StorefrontEvent withOrder(StorefrontEvent shipped, StorefrontEvent placed) {
            if (shipped instanceof Shipped s && placed instanceof Placed p) {
                return new Shipped(s.externalOrderId(), s.shipments(), p.order());
            }
            return shipped instanceof Shipped ? shipped : placed;
        }
    }

    /**
     * The seller paid money back on the platform itself (a Shopify refund, a WooCommerce refund): each
     * refund not recorded here yet is recorded, the order's refunded total grows. Nothing goes back to
     * the platform, which made it, and our own refunds coming back (their note carries our refund id)
     * record nothing.
     */
    record Refunded(String externalOrderId, List<PlatformRefund> refunds) implements StorefrontEvent {

        public Refunded {
            refunds = List.copyOf(refunds);
        }
    }

    /**
     * One delivery that says two things: WooCommerce's order.updated carries the order (its status
     * read as usual: an update, a shipment, a cancel) and every refund the order has. event is acted
     * on first, so the refunds find the order it may create.
     */
    record WithRefunds(StorefrontEvent event, Refunded refunds) implements StorefrontEvent {

        public WithRefunds {
            if (event instanceof WithRefunds || event == null || refunds == null) {
                throw new IllegalArgumentException("one event and its refunds");
            }
        }
    }

    /** Nothing to do (a topic or status we do not act on); why says which, for the delivery log. */
    record Ignored(String why) implements StorefrontEvent {
    }
}
