package orderflow.shared.aws;

import java.net.URI;
import java.time.Duration;

import orderflow.shared.ports.LabelFiles;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Labels in the labels bucket (private, encrypted, expired by a lifecycle rule), handed out as
 * presigned GET links: the function signs, nobody else reads the bucket.
 */
public final class S3LabelFiles implements LabelFiles {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3LabelFiles(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public byte[] get(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public URI link(String key, Duration ttl) {
        try {
            return presigner.presignGetObject(p -> p.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
