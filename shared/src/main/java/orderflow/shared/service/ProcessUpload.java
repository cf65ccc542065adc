package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.uploads.FlatFile;
import orderflow.shared.domain.uploads.RowResult;
import orderflow.shared.domain.uploads.ShippingConfirmations;
import orderflow.shared.domain.uploads.StockCounts;
import orderflow.shared.domain.uploads.Upload;
import orderflow.shared.domain.uploads.UploadKind;
import orderflow.shared.domain.uploads.UploadRefused;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.SellerStorefronts;
import orderflow.shared.ports.UploadFiles;
import orderflow.shared.ports.UploadQueue;
import orderflow.shared.ports.Uploads;

/**
 * Works through an uploaded file within one invocation's time: units (a package of shipping rows,
 * or a stock row) from the saved position while the deadline leaves room for the slowest unit so
 * far; their result lines go to a part file named by the position they start at, the position and
 * counts are saved, and the upload is queued again to carry on. The last run joins the parts into
 * the result file. A run that dies before saving is redone from the same position: rows are
 * idempotent, so they come back unchanged and the part file is overwritten, not doubled.
 */
public final class ProcessUpload {

    private final Uploads uploads;
    private final UploadFiles files;
    private final UploadQueue queue;
    private final Orders orders;
    private final SellerStorefronts storefronts;
    private final Accounts accounts;
    private final ShippingUploadRows shipping;
    private final StockUploadRows stock;
    private final Clock clock;
    private final long reserveMillis;

    /** reserveMillis: what a run keeps for saving its part and progress after its last unit. */
    public ProcessUpload(Uploads uploads, UploadFiles files, UploadQueue queue, Orders orders,
                         SellerStorefronts storefronts, Accounts accounts, ShipOrder ship, StockUpdateService stock,
                         Inventory inventory, Clock clock, long reserveMillis) {
        this.uploads = uploads;
        this.files = files;
        this.queue = queue;
        this.orders = orders;
        this.storefronts = storefronts;
        this.accounts = accounts;
        this.shipping = new ShippingUploadRows(ship);
        this.stock = new StockUploadRows(stock, inventory);
        this.clock = clock;
        this.reserveMillis = reserveMillis;
    }

    /** One run; answers what to log. */
    public String run(String sellerId, String uploadId, JobDeadline deadline) {
        Upload upload = uploads.get(sellerId, uploadId).orElse(null);
        if (upload == null || upload.status().finished() || upload.status() == Upload.Status.WAITING_FOR_FILE) {
            return "nothing to do for " + uploadId + (upload == null ? " (unknown)" : " (" + upload.status() + ")");
        }
        List<Runnable> units;
        List<List<RowResult>> results = new ArrayList<>();
        int rows;
        Instant now = clock.instant();
        try {
            FlatFile file = FlatFile.parse(files.get(UploadKeys.file(upload)));
            rows = file.rows().size();
            units = units(upload, file, now, results);
        } catch (UploadRefused refused) {
            uploads.update(upload, upload.withStatus(Upload.Status.FAILED, refused.getMessage(), now));
            return "refused " + uploadId + ": " + refused.getMessage();
        }
        int start = upload.position();
        int position = start;
        long slowest = 0;
        while (position < units.size()
                && (position == start || deadline.remainingMillis() > reserveMillis + slowest)) {
            long began = System.nanoTime();
            units.get(position).run();
            slowest = Math.max(slowest, (System.nanoTime() - began) / 1_000_000);
            position++;
        }
        List<RowResult> done = results.stream().flatMap(List::stream).toList();
        if (!done.isEmpty()) {
            files.put(UploadKeys.part(upload, start), RowResult.csv(done).getBytes(StandardCharsets.UTF_8), "text/csv");
        }
        boolean finished = position == units.size();
        Instant at = clock.instant();
        if (finished) {
            writeResult(upload);
        }
        Upload next = upload.progressed(finished ? Upload.Status.DONE : Upload.Status.PROCESSING, rows,
                upload.rowsDone() + done.size(),
                upload.accepted() + count(done, RowResult.Outcome.ACCEPTED),
                upload.rejected() + count(done, RowResult.Outcome.REJECTED),
                upload.unchanged() + count(done, RowResult.Outcome.UNCHANGED), position, at);
        if (!uploads.update(upload, next)) {
            return "another run of " + uploadId + " saved first; this one's part is the same and stays";
        }
        if (!finished) {
            queue.enqueue(sellerId, uploadId);
        }
        return uploadId + ": units " + start + " to " + position + " of " + units.size() + (finished ? ", done" : "");
    }

    /** The work of the file, each unit adding its result lines to results when run. */
    private List<Runnable> units(Upload upload, FlatFile file, Instant now, List<List<RowResult>> results) {
        Actor actor = Actor.job("upload/" + upload.uploadId());
        List<Runnable> units = new ArrayList<>();
        if (upload.kind() == UploadKind.SHIPPING_CONFIRMATIONS) {
            List<ShippingConfirmations.Package> packages = ShippingConfirmations.packages(file);
            Seller seller = accounts.seller(upload.sellerId())
                    .orElseThrow(() -> new IllegalStateException("unknown seller " + upload.sellerId()));
            UploadedOrders found = new UploadedOrders(orders, storefronts, upload.sellerId(), now);
            packages.forEach(p -> units.add(() -> results.add(shipping.ship(p, found, seller, actor, clock.instant()))));
        } else {
            StockCounts.counts(file).forEach(c -> units.add(() -> results.add(List.of(
                    stock.count(upload.sellerId(), actor, c)))));
        }
        return units;
    }

    private void writeResult(Upload upload) {
        List<String> lines = new ArrayList<>();
        for (String part : files.list(UploadKeys.partPrefix(upload))) {
            new String(files.get(part), StandardCharsets.UTF_8).lines().forEach(lines::add);
        }
        // A package's rows may be far apart in the file: the result lists every row in file order.
        lines.sort(java.util.Comparator.comparingInt(l -> Integer.parseInt(l.substring(0, l.indexOf(',')))));
        StringBuilder csv = new StringBuilder(RowResult.HEADER);
        lines.forEach(l -> csv.append(l).append('\n'));
        files.put(UploadKeys.result(upload), csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    private static int count(List<RowResult> results, RowResult.Outcome outcome) {
        return (int) results.stream().filter(r -> r.outcome() == outcome).count();
    }
}
