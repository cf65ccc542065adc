package orderflow.shared.json;

/**
 * How many bytes a string takes once written as a JSON string value, which is how a Lambda
 * response body travels (and what its 6 MB limit counts). An upper bound: quote and backslash take
 * 2, control characters up to 6, and every non-ASCII UTF-16 unit 6 (as if escaped as backslash-u;
 * a serializer writing UTF-8 instead writes fewer).
 */
public final class JsonSize {

    private JsonSize() {
    }

    public static long ofString(CharSequence s) {
        long bytes = 2; // the quotes around it
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else {
                bytes += 6;
            }
        }
        return bytes;
    }
}
