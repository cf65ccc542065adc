package orderflow.shared.aws;

import java.net.URI;
import java.time.Duration;

import orderflow.shared.ports.LabelFiles;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Labels in the labels bucket (private, encrypted, expired by a lifecycle rule), handed out as
 * presigned GET links: the function signs, nobody else reads the bucket. The S3 client and the
 * presigner come from the adapters on first use, so a route that never touches a label file (a plain
 * pick list) never loads S3.
 */
public final class S3LabelFiles implements LabelFiles {

    private final Adapters clients;
    private final String bucket;

    S3LabelFiles(Adapters clients, String bucket) {
        this.clients = clients;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        clients.s3().putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public byte[] get(String key) {
        return clients.s3().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public URI link(String key, Duration ttl) {
        try {
            return clients.s3Presigner().presignGetObject(p -> p.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
