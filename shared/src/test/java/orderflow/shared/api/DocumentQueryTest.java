package orderflow.shared.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import orderflow.shared.documents.PageSize;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import org.junit.jupiter.api.Test;

class DocumentQueryTest {

    private static final List<String> SLIP = List.of("html", "pdf");

    @Test
    void no_query_means_the_routes_first_format_on_letter() {
        DocumentQuery q = DocumentQuery.of(Map.of(), SLIP);
        assertFalse(q.pdf());
        assertEquals(PageSize.LETTER, q.pageSize());
    }

    @Test
    void pdf_on_4x6_labels_is_understood_in_any_case() {
        DocumentQuery q = DocumentQuery.of(Map.of("format", "pdf", "pageSize", "4X6"), SLIP);
        assertTrue(q.pdf());
        assertEquals(PageSize.LABEL_4X6, q.pageSize());
    }

    @Test
    void unknown_format_and_page_size_are_refused_naming_both_fields() {
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class,
                () -> DocumentQuery.of(Map.of("format", "docx", "pageSize", "A5"), SLIP));
        assertEquals(List.of("format", "pageSize"), e.errors().stream().map(FieldError::field).toList());
        assertEquals(400, Problems.from(e).getStatusCode());
        assertTrue(Problems.from(e).getBody().contains("\"field\":\"pageSize\""));
    }

    @Test
    void binary_answer_is_base64_flagged_for_api_gateway() {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff};
        var r = Responses.binary(200, pdf, "application/pdf", Map.of());
        assertTrue(r.getIsBase64Encoded());
        assertEquals("application/pdf", r.getHeaders().get("content-type"));
        assertArrayEquals(pdf, Base64.getDecoder().decode(r.getBody()));
    }
}
