package orderflow.shared.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the templates under resources/emails: {@code NAME.subject.txt}, {@code NAME.txt} and
 * {@code NAME.html}. Syntax: {@code {{key}}} and one level of {@code {{#list}}...{{/list}}}.
 * Values are HTML-escaped in the HTML part; buyer-supplied text is never trusted.
 */
public final class EmailTemplates {

    private final Map<String, String> cache = new HashMap<>();

    public RenderedEmail render(EmailMessage message, String fromAddress) {
        Map<String, Object> values = new HashMap<>(message.data());
        values.put("storeName", nullToEmpty(message.storeName()));
        values.put("buyerName", nullToEmpty(message.toName()));
        values.put("supportContact", nullToEmpty(message.supportContact()));
        String name = message.template();
        String subject = render(load(name + ".subject.txt"), values, false).strip();
        String text = render(load(name + ".txt"), values, false);
        String html = render(load(name + ".html"), values, true);
        String from = message.storeName() == null || message.storeName().isBlank() ? fromAddress
                : displayName(message.storeName()) + " <" + fromAddress + ">";
        return new RenderedEmail(from, message.toAddress(), message.replyTo(), subject, text, html);
    }

    public boolean exists(String template) {
        return EmailTemplates.class.getResource("/emails/" + template + ".txt") != null;
    }

    public static String render(String template, Map<String, Object> values, boolean html) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (true) {
            int open = template.indexOf("{{", pos);
            if (open < 0) {
                out.append(template, pos, template.length());
                return out.toString();
            }
            out.append(template, pos, open);
            int close = template.indexOf("}}", open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed {{ in template");
            }
            String tag = template.substring(open + 2, close).strip();
            if (tag.startsWith("#")) {
                String key = tag.substring(1);
                String end = "{{/" + key + "}}";
                int endAt = template.indexOf(end, close);
                if (endAt < 0) {
                    throw new IllegalArgumentException("section " + key + " is not closed");
                }
                String body = template.substring(close + 2, endAt);
                if (values.get(key) instanceof List<?> items) {
                    for (Object item : items) {
                        Map<String, Object> scope = new HashMap<>(values);
                        if (item instanceof Map<?, ?> m) {
                            m.forEach((k, v) -> scope.put(String.valueOf(k), v));
                        }
                        out.append(render(body, scope, html));
                    }
                }
                pos = endAt + end.length();
            } else {
                Object value = values.get(tag);
                String text = value == null ? "" : String.valueOf(value);
                out.append(html ? escapeHtml(text) : text);
                pos = close + 2;
            }
        }
    }

    /**
     * A From display name SES accepts: a quoted string when it is printable ASCII, else an RFC 2047
     * encoded word (UTF-8, base64). Line breaks never survive (no header injection).
     */
    static String displayName(String name) {
        String flat = name.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (flat.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "\"" + flat.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(
                flat.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
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

    private String load(String file) {
        return cache.computeIfAbsent(file, f -> {
            try (InputStream in = EmailTemplates.class.getResourceAsStream("/emails/" + f)) {
                if (in == null) {
                    throw new IllegalArgumentException("no email template " + f);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
