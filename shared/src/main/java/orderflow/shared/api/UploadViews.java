package orderflow.shared.api;

import java.util.LinkedHashMap;
import java.util.Map;

import orderflow.shared.domain.uploads.Upload;
import orderflow.shared.service.UploadService;

/** Uploads as the API shows them: status, rows done of total, the counts, the result link once done. */
public final class UploadViews {

    private UploadViews() {
    }

    public static Map<String, Object> upload(UploadService.View view) {
        Upload u = view.upload();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uploadId", u.uploadId());
        out.put("kind", u.kind().apiName());
        out.put("fileName", u.fileName());
        out.put("sizeBytes", u.sizeBytes());
        out.put("status", u.status().name());
        if (u.failure() != null) {
            out.put("failure", u.failure());
        }
        out.put("rowsTotal", u.rowsTotal());
        out.put("rowsDone", u.rowsDone());
        out.put("accepted", u.accepted());
        out.put("rejected", u.rejected());
        out.put("unchanged", u.unchanged());
        out.put("createdAt", u.createdAt().toString());
        out.put("updatedAt", u.updatedAt().toString());
        if (view.resultUrl() != null) {
            out.put("resultUrl", view.resultUrl().toString());
        }
        return out;
    }

    public static Map<String, Object> created(UploadService.Created created) {
        Map<String, Object> out = upload(new UploadService.View(created.upload(), null));
        out.put("uploadUrl", created.uploadUrl().toString());
        out.put("expiresAt", created.expiresAt().toString());
        return out;
    }
}
