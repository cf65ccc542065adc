package orderflow.shared.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import orderflow.shared.ports.UploadFiles;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The uploads bucket (private, encrypted, expired by a lifecycle rule). The seller's browser or
 * script puts the file with a presigned PUT whose signed Content-Length is the size announced, and
 * downloads the result with a presigned GET; the functions read and write it. Clients on first use.
 */
public final class S3UploadFiles implements UploadFiles {

    private final Adapters clients;
    private final String bucket;

    S3UploadFiles(Adapters clients, String bucket) {
        this.clients = clients;
        this.bucket = bucket;
    }

    @Override
    public URI uploadLink(String key, long sizeBytes, String contentType, Duration ttl) {
        return uri(clients.s3Presigner().presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentLength(sizeBytes))).url());
    }

    @Override
    public Optional<Long> size(String key) {
        try {
            return Optional.of(clients.s3().headObject(h -> h.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public byte[] get(String key) {
        return clients.s3().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        clients.s3().putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        clients.s3().listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix))
                .contents().forEach(o -> keys.add(o.key()));
        keys.sort(null);
        return keys;
    }

    @Override
    public URI link(String key, Duration ttl) {
        return uri(clients.s3Presigner().presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url());
    }

    private static URI uri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
