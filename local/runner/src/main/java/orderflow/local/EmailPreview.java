package orderflow.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * /_local/emails.html: every email the emulator accepted, newest first, as a buyer would see it
 * (to, subject, the rendered HTML in a sandboxed frame, the text part beside it).
 */
final class EmailPreview {

    private EmailPreview() {
    }

    static byte[] page(List<Map<String, Object>> emails) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Sent emails (local)</title>
                <style>
                  body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
                  article { border: 1px solid #ccc; border-radius: 6px; margin: 0 0 1.5em; padding: 1em; }
                  h2 { font-size: 1.05em; margin: 0 0 .3em; }
                  .meta { color: #555; font-size: .9em; margin-bottom: .6em; }
                  .parts { display: grid; grid-template-columns: 2fr 1fr; gap: 1em; }
                  iframe { width: 100%; height: 420px; border: 1px solid #ddd; }
                  pre { white-space: pre-wrap; font-size: .85em; background: #f7f7f7; padding: .6em; margin: 0; }
                  @media (max-width: 800px) { .parts { grid-template-columns: 1fr; } }
                </style></head><body>
                <h1>Sent emails</h1>
                <p>What buyers and sellers received from the local stack, newest first. The JSON is at
                <a href="/_local/emails">/_local/emails</a>. Reload to see new ones.</p>
                """);
        if (emails.isEmpty()) {
            html.append("<p><em>No emails yet: post an order (scripts/post-sample-webhook).</em></p>");
        }
        for (int i = emails.size() - 1; i >= 0; i--) {
            Map<String, Object> e = emails.get(i);
            html.append("<article><h2>").append(escape(e.get("subject"))).append("</h2><div class=\"meta\">to ")
                    .append(escape(e.get("to"))).append(" &middot; from ").append(escape(e.get("source")))
                    .append("</div><div class=\"parts\">")
                    // srcdoc is an attribute: escaped once here, parsed back to the email's HTML by the browser;
                    // sandbox (no scripts, no same origin) keeps the email from touching this page.
                    .append("<iframe sandbox title=\"HTML part\" srcdoc=\"").append(escape(e.get("html"))).append("\"></iframe>")
                    .append("<pre>").append(escape(e.get("text"))).append("</pre></div></article>\n");
        }
        html.append("</body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(Object value) {
        String text = value == null ? "" : value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
