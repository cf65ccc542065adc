package orderflow.shared.service;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.uploads.Upload;
import orderflow.shared.domain.uploads.UploadKind;
import orderflow.shared.ports.UploadFiles;
import orderflow.shared.ports.UploadQueue;
import orderflow.shared.ports.Uploads;

/**
 * The seller's side of an upload: POST /v1/uploads gives a presigned PUT link for the file, POST
 * /v1/uploads/{id}/process queues it once the file is there, GET reads the progress and, when done,
 * a link to the result file.
 */
public final class UploadService {

    public static final Duration LINK_TTL = Duration.ofMinutes(15);
    /** 20,000 rows of a flat file are well under this. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final int RECENT = 20;

    private final Uploads uploads;
    private final UploadFiles files;
    private final UploadQueue queue;
    private final Clock clock;

    public UploadService(Uploads uploads, UploadFiles files, UploadQueue queue, Clock clock) {
        this.uploads = uploads;
        this.files = files;
        this.queue = queue;
        this.clock = clock;
    }

    public record Created(Upload upload, URI uploadUrl, Instant expiresAt) {
    }

    /** An upload and its link (when its result file is ready: null otherwise). */
    public record View(Upload upload, URI resultUrl) {
    }

    public Created create(String sellerId, Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        UploadKind kind = null;
        Object k = body.get("kind");
        if (!(k instanceof String s) || UploadKind.of(s).isEmpty()) {
            errors.add(new FieldError("kind", "must be shipping-confirmations or stock-counts"));
        } else {
            kind = UploadKind.of(s).get();
        }
        Object name = body.get("fileName");
        if (!(name instanceof String n) || n.isBlank() || n.length() > 200 || n.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("fileName", "must be 1 to 200 characters without control characters"));
        }
        Object size = body.get("sizeBytes");
        if (!(size instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1
                || n.longValue() > MAX_BYTES) {
            errors.add(new FieldError("sizeBytes", "must be the file's size in bytes, from 1 to " + MAX_BYTES));
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The upload has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
        Instant now = clock.instant();
        String uploadId = "upl_" + String.format("%011x", now.toEpochMilli())
                + HexFormat.of().formatHex(bytes()); // time first: the newest sort first
        long bytes = ((Number) size).longValue();
        Upload upload = new Upload(sellerId, uploadId, kind, ((String) name).strip(), bytes,
                Upload.Status.WAITING_FOR_FILE, null, 0, 0, 0, 0, 0, 0, now, now);
        uploads.create(upload);
        URI link = files.uploadLink(UploadKeys.file(upload), bytes, "text/csv", LINK_TTL);
        return new Created(upload, link, now.plus(LINK_TTL));
    }

    /** Queues the uploaded file once; asked again, answers where it is. */
    public Upload process(String sellerId, String uploadId) {
        Upload upload = find(sellerId, uploadId);
        if (upload.status() != Upload.Status.WAITING_FOR_FILE) {
            return upload;
        }
        if (files.size(UploadKeys.file(upload)).isEmpty()) {
            throw new Failure.Conflict("No file was uploaded for " + uploadId
                    + " yet: PUT it to the uploadUrl first (a new upload gives a new link).");
        }
        Upload queued = upload.withStatus(Upload.Status.QUEUED, null, clock.instant());
        if (uploads.update(upload, queued)) {
            queue.enqueue(sellerId, uploadId);
            return queued;
        }
        return find(sellerId, uploadId); // a second call got there first
    }

    public View get(String sellerId, String uploadId) {
        return view(find(sellerId, uploadId));
    }

    public List<View> recent(String sellerId) {
        return uploads.recent(sellerId, RECENT).stream().map(this::view).toList();
    }

    private View view(Upload upload) {
        URI result = upload.status() == Upload.Status.DONE ? files.link(UploadKeys.result(upload), LINK_TTL) : null;
        return new View(upload, result);
    }

    private Upload find(String sellerId, String uploadId) {
        if (uploadId == null || !uploadId.matches("upl_[0-9a-f]{27}")) {
            throw new Failure.NotFound("No upload has the id " + uploadId + ".");
        }
        return uploads.get(sellerId, uploadId)
                .orElseThrow(() -> new Failure.NotFound("No upload has the id " + uploadId + "."));
    }

    /** Made per call: a generator kept in the handler would be copied into every SnapStart snapshot. */
    private static byte[] bytes() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
