package orderflow.functions.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files: web/ of the repository, copied by the build into the jar as web/...
 * Each is read once and kept with its content type and ETag. Names are checked against a strict
 * pattern before any lookup, so no request can reach another resource of the jar.
 */
final class StaticFiles {

    /** One file of web/app/: lower-case letters, digits and dashes, and a type we serve. No slash, no dot-dot. */
    private static final Pattern ASSET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(js|css|svg)");

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    /** A file as served: its text, content type and strong ETag (a digest of the bytes). */
    record File(String body, String contentType, String etag) {
    }

    private final ClassLoader loader;
    private final String root;
    private final Map<String, File> loaded = new ConcurrentHashMap<>();

    StaticFiles(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root;
    }

    /** The page itself, web/index.html. */
    Optional<File> page() {
        return load("index.html", "html");
    }

    /** A script, style sheet or image of web/app/, by its bare name; empty for any other name. */
    Optional<File> asset(String name) {
        if (name == null || !ASSET_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return load("app/" + name, name.substring(name.lastIndexOf('.') + 1));
    }

    private Optional<File> load(String path, String extension) {
        File cached = loaded.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(root + "/" + path)) {
            if (in == null) {
                return Optional.empty(); // misses are not kept: the set of names asked for is unbounded
            }
            byte[] bytes = in.readAllBytes();
            File file = new File(new String(bytes, StandardCharsets.UTF_8), CONTENT_TYPES.get(extension), etag(bytes));
            loaded.put(path, file);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
