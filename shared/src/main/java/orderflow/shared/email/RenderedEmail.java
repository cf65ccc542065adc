package orderflow.shared.email;

/** What goes to the email provider. */
public record RenderedEmail(String from, String to, String replyTo, String subject, String text, String html) {
}
