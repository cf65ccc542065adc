package orderflow.shared.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A delivery kept as it came, gzip-compressed in the order item. Deliveries are at most 256 KiB
 * (StorefrontRequests), and gzip never grows data by more than a few bytes per 32 KiB block, so
 * order plus payload stay under DynamoDB's 400 KB item limit without an S3 bucket.
 */
final class RawPayloads {

    private RawPayloads() {
    }

    static byte[] pack(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] unpack(byte[] packed) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
