package orderflow.shared.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.documents.PageSize;
import orderflow.shared.documents.PdfDocuments;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.PickList;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.StockItem;
import orderflow.shared.domain.shipping.Label;
import orderflow.shared.domain.shipping.LabelFormat;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.LabelFiles;
import orderflow.shared.ports.Labels;
import orderflow.shared.ports.Orders;

/**
 * GET /v1/picklist?orders=...&format=pdf&include=slips,labels: one PDF for a pick wave, the pick list
 * first, then each order's packing slip, then its bought labels (PDF, parcel not yet moved). An order
 * whose label is bought is already SHIPPED but still to be packed: its labelled units are picked too.
 */
public final class PickWave {

    /** Orders one wave prints at most (100 slips and their labels stay well inside Lambda's 6 MB answer). */
    public static final int MAX_ORDERS = 100;

    private final Orders orders;
    private final Inventory inventory;
    private final Accounts accounts;
    private final Labels labels;
    private final LabelFiles files;

    public PickWave(Orders orders, Inventory inventory, Accounts accounts, Labels labels, LabelFiles files) {
        this.orders = orders;
        this.inventory = inventory;
        this.accounts = accounts;
        this.labels = labels;
        this.files = files;
    }

    /** include: "slips", "labels" or both, comma-separated. */
    public byte[] print(String sellerId, Map<String, String> query, PageSize size) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> include = new HashSet<>();
        for (String part : query.getOrDefault("include", "").split(",")) {
            if (part.equals("slips") || part.equals("labels")) {
                include.add(part);
            } else if (!part.isBlank()) {
                errors.add(new FieldError("include", "must be slips, labels or both, comma-separated"));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : query.getOrDefault("orders", "").split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_ORDERS) {
            errors.add(new FieldError("orders", "must list 1 to " + MAX_ORDERS + " order ids to print with include"));
        }
        if (query.get("status") != null) {
            errors.add(new FieldError("status", "cannot be combined with include; list the orders"));
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The query has " + errors.size() + " invalid parameter"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
        OrderQueryService reads = new OrderQueryService(orders);
        List<Order> picked = new ArrayList<>();
        Map<String, Map<String, Integer>> units = new LinkedHashMap<>();
        Map<String, List<Label>> printable = new LinkedHashMap<>();
        for (String id : ids) {
            Order o;
            try {
                o = reads.get(sellerId, id);
            } catch (Failure.NotFound e) {
                errors.add(new FieldError("orders", "no order " + id));
                continue;
            }
            List<Label> waiting = labels.forOrder(sellerId, id).stream().filter(l -> l.status() == Label.Status.PURCHASED
                    && l.fileKey() != null && l.format() == LabelFormat.PDF && notMoved(o, l.shipmentId())).toList();
            Map<String, Integer> toPack = new LinkedHashMap<>(o.unshippedBySku());
            boolean open = o.status() == OrderStatus.UNSHIPPED || o.status() == OrderStatus.PARTIALLY_SHIPPED;
            if (!open) {
                toPack.clear();
            }
            for (Label l : waiting) {
                l.lines().forEach((sku, q) -> toPack.merge(sku, q, Integer::sum));
            }
            if (toPack.isEmpty()) {
                errors.add(new FieldError("orders", id + " is " + o.status() + ": nothing to pack or print"));
                continue;
            }
            picked.add(o);
            units.put(o.orderId(), toPack);
            printable.put(o.orderId(), waiting);
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("Some orders cannot be printed.", errors);
        }
        Set<String> skus = new LinkedHashSet<>();
        units.values().forEach(u -> skus.addAll(u.keySet()));
        Map<String, StockItem> stock = inventory.getAll(sellerId, skus);
        List<PackingSlipService.Slip> slips = new ArrayList<>();
        if (include.contains("slips")) {
            Seller seller = OrderActions.seller(accounts, sellerId);
            picked.forEach(o -> slips.add(new PackingSlipService.Slip(o, seller, stock)));
        }
        List<byte[]> labelPdfs = new ArrayList<>();
        if (include.contains("labels")) {
            printable.values().forEach(list -> list.forEach(l -> labelPdfs.add(files.get(l.fileKey()))));
        }
        return PdfDocuments.wave(slips, PickList.of(picked, units, stock), size, labelPdfs);
    }

    private static boolean notMoved(Order order, String shipmentId) {
        for (Shipment s : order.fulfillment().shipments()) {
            if (s.shipmentId().equals(shipmentId)) {
                return s.deliveredAt() == null && (s.label() == null || s.label().trackingStatus() == null
                        || !s.label().trackingStatus().moving());
            }
        }
        return false;
    }
}
