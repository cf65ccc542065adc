package orderflow.shared.ports;

import java.net.URI;
import java.time.Duration;

/** The printable labels (the labels bucket): private objects handed out by short-lived links. */
public interface LabelFiles {

    void put(String key, byte[] content, String contentType);

    byte[] get(String key);

    /** A GET link valid for ttl; whoever holds it can download the label until then. */
    URI link(String key, Duration ttl);
}
