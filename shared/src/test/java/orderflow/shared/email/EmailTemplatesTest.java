package orderflow.shared.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

    @Test
    void renders_variables_and_sections() {
        String out = EmailTemplates.render("Hi {{name}}:{{#items}} [{{sku}} x{{qty}}]{{/items}}.",
                Map.of("name", "Ada", "items", List.of(Map.of("sku", "A", "qty", 1), Map.of("sku", "B", "qty", 2))),
                false);
        assertEquals("Hi Ada: [A x1] [B x2].", out);
    }

    @Test
    void html_part_escapes_buyer_text() {
        String out = EmailTemplates.render("<p>{{name}}</p>", Map.of("name", "<script>alert('x')</script> & \"co\""), true);
        assertEquals("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</p>", out);
    }

    @Test
    void confirmation_has_subject_text_and_html_and_a_safe_from_header() {
        EmailMessage message = new EmailMessage("order-confirmed:o1", "order-confirmed", "ada@example.com",
                "Ada <b>", "Shop \"Best\"\r\nBcc: x@evil.example", "help@shop.example", "help@shop.example",
                Map.of("externalOrderId", "1001", "shipBy", "Tuesday", "lines",
                        List.of(Map.of("sku", "MUG", "title", "Mug <3", "quantity", 1, "lineTotal", "$1.00")),
                        "total", "$1.00"));
        RenderedEmail email = new EmailTemplates().render(message, "orders@shop.example");
        assertTrue(email.subject().contains("1001"), email.subject());
        assertTrue(email.text().contains("Mug <3"));
        assertTrue(email.html().contains("Mug &lt;3") && email.html().contains("Ada &lt;b&gt;"));
        assertFalse(email.from().contains("\r") || email.from().contains("\n"), email.from());
        assertTrue(email.from().endsWith("<orders@shop.example>"), email.from());
    }

    @Test
    void non_ascii_store_names_become_rfc2047_encoded_words() {
        assertEquals("=?UTF-8?B?Q2Fmw6kgT2zDqQ==?=", EmailTemplates.displayName("Café Olé"));
        assertEquals("\"A \\\"B\\\" \\\\ C\"", EmailTemplates.displayName("A \"B\" \\ C"));
    }
}
