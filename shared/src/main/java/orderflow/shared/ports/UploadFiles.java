package orderflow.shared.ports;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The uploads bucket: the sellers' files (put by presigned links) and the result files made from them. */
public interface UploadFiles {

    /** A PUT link for exactly sizeBytes bytes, valid for ttl. */
    URI uploadLink(String key, long sizeBytes, String contentType, Duration ttl);

    /** The object's size, empty when nothing was uploaded there. */
    Optional<Long> size(String key);

    byte[] get(String key);

    void put(String key, byte[] content, String contentType);

    /** Keys under prefix, in key order. */
    List<String> list(String prefix);

    /** A GET link valid for ttl. */
    URI link(String key, Duration ttl);
}
