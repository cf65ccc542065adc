package orderflow.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static List<FieldError> refused(String body) {
        return assertThrows(Failure.InvalidInput.class, () -> Json.parseRequest(body)).errors();
    }

    @Test
    void parses_one_json_object() {
        assertEquals(Map.of("a", List.of(1, "x\uD83D\uDE00")), Json.parseRequest(" {\"a\": [1, \"x\\ud83d\\ude00\"]} \n"));
    }

    @Test
    void refuses_anything_after_the_object() {
        assertEquals("body", refused("{\"a\":1}{\"a\":2}").get(0).field());
        assertEquals("body", refused("{\"a\":1} x").get(0).field());
    }

    @Test
    void refuses_a_key_given_twice() {
        assertEquals("body", refused("{\"reason\":\"OTHER\",\"reason\":\"FRAUD\"}").get(0).field());
    }

    @Test
    void refuses_nul_and_unpaired_surrogates_by_path() {
        assertEquals("lines[1].title", refused("{\"lines\":[{\"title\":\"ok\"},{\"title\":\"a\\u0000b\"}]}").get(0).field());
        assertEquals("note", refused("{\"note\":\"x\\ud800\"}").get(0).field());
        assertEquals("note", refused("{\"note\":\"\\udc00x\"}").get(0).field());
        assertEquals("body", refused("{\"k\\u0000\":1}").get(0).field());
    }

    @Test
    void stored_and_internal_json_is_not_held_to_the_request_rules() {
        assertEquals(Map.of("note", "a\u0000b"), Json.parseObject("{\"note\":\"a\\u0000b\"}"));
    }

    @Test
    void refuses_what_is_not_an_object() {
        for (String body : List.of("[]", "\"x\"", "42", "null", "{\"a\":", "{'a':1}", "{\"a\":1,}")) {
            assertEquals("body", refused(body).get(0).field(), body);
        }
    }
}
