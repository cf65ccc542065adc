package orderflow.shared.domain.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Fulfillment;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Shipment;
import org.junit.jupiter.api.Test;

class SearchTermsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Order order(String externalId, String display, String buyer, String email, String... skus) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", externalId);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String sku : skus) {
            lines.add(Map.of("sku", sku, "title", "Item", "quantity", 1, "unitPrice", "1.00"));
        }
        json.put("lines", lines);
        json.remove("total");
        Order o = GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW);
        return new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(), o.status(),
                o.statusReason(), o.createdAt(), o.receivedAt(), o.currency(), new Buyer(buyer, email),
                new Address(buyer, "1 Way", null, "Springfield", null, "62701", "US"), o.lines(), o.totals(),
                o.shipBy(), o.confirmationQueuedAt(), o.version(), o.fulfillment(), o.refunded(),
                new Intake(display, false, false, List.of(), null, null, List.of()));
    }

    private static Order shipped(Order o, String... tracking) {
        List<Shipment> shipments = new ArrayList<>();
        for (String t : tracking) {
            shipments.add(new Shipment("sh-" + t, "UPS", t, true, null, NOW, Map.of("A", 1), false, NOW, null, null));
        }
        return new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(), o.status(),
                o.statusReason(), o.createdAt(), o.receivedAt(), o.currency(), o.buyer(), o.shipTo(), o.lines(),
                o.totals(), o.shipBy(), o.confirmationQueuedAt(), o.version() + 1,
                new Fulfillment(null, null, shipments, null, null), o.refunded(), o.intake());
    }

    private static Set<String> values(Order o, SearchKind kind) {
        Set<String> out = new java.util.LinkedHashSet<>();
        SearchTerms.of(o).stream().filter(t -> t.kind() == kind).forEach(t -> out.add(t.value()));
        return out;
    }

    @Test
    void a_shopify_number_is_found_with_or_without_its_hash() {
        Order o = order("820982911946154508", "#1001", "Ann Lee", "ann@example.com", "A");
        assertEquals(Set.of("820982911946154508", "1001"), values(o, SearchKind.NUM));
        assertEquals("1001", new SearchQuery("#1001", List.of(SearchKind.NUM)).termFor(SearchKind.NUM).value());
        assertEquals("1001", new SearchQuery(" 1001 ", List.of(SearchKind.NUM)).termFor(SearchKind.NUM).value());
    }

    @Test
    void an_amazon_order_id_is_its_own_number() {
        Order o = order("123-1234567-1234567", null, "Ann Lee", null, "A");
        assertEquals(Set.of("123-1234567-1234567"), values(o, SearchKind.NUM));
        assertEquals(Set.of(), values(o, SearchKind.EMAIL), "Amazon hides the email: no entry");
    }

    @Test
    void a_number_with_a_shop_prefix_is_also_found_by_its_digits() {
        Order o = order("55", "#EU1001-X", "Ann Lee", null, "A");
        assertEquals(Set.of("55", "eu1001-x", "1001"), values(o, SearchKind.NUM));
    }

    @Test
    void names_are_words_without_case_or_accents_from_buyer_and_recipient() {
        Order o = order("1", null, "José  Müller-Straße", null, "A");
        assertEquals(Set.of("jose", "muller", "strasse"), values(o, SearchKind.NAME));
        assertEquals(List.of("jose", "muller"), SearchText.words("JOSÉ müller"));
    }

    @Test
    void emails_are_one_lower_case_term() {
        Order o = order("1", null, "Ann", "Ann.Lee@Example.COM ", "A");
        assertEquals(Set.of("ann.lee@example.com"), values(o, SearchKind.EMAIL));
    }

    @Test
    void skus_ignore_case_and_runs_of_spaces_but_keep_punctuation() {
        Order o = order("1", null, "Ann", null, "MUG BLUE  #2", "mug blue #2", "TEE-(M)/RED");
        assertEquals(Set.of("mug blue #2", "tee-(m)/red"), values(o, SearchKind.SKU));
        assertEquals("mug blue #2", SearchText.sku("Mug Blue #2"));
    }

    @Test
    void tracking_numbers_compare_without_spaces_dashes_or_case() {
        Order o = shipped(order("1", null, "Ann", null, "A"), "1z 999-aa1 0123456784");
        assertEquals(Set.of("1Z999AA10123456784"), values(o, SearchKind.TRACK));
    }

    @Test
    void a_shipment_adds_only_its_tracking_number_to_the_entries() {
        Order before = order("1", "#7", "Ann Lee", "a@example.com", "A", "B");
        SearchTerms.Difference d = SearchTerms.difference(before, shipped(before, "TRACK1"));
        assertEquals(Set.of(new SearchTerm(SearchKind.TRACK, "TRACK1")), d.added());
        assertEquals(Set.of(), d.removed());
        assertTrue(SearchTerms.difference(before, before).isEmpty(), "a status change writes no entry");
    }

    @Test
    void an_order_has_at_most_max_terms_so_its_transaction_fits() {
        String[] skus = new String[60];
        String[] tracking = new String[60];
        for (int i = 0; i < 60; i++) {
            skus[i] = "SKU-" + i;
            tracking[i] = "T" + i;
        }
        Order o = shipped(order("1", "#1", "A B C D E F G H I J K", "a@example.com", skus), tracking);
        assertTrue(SearchTerms.of(o).size() <= SearchTerms.MAX);
        assertTrue(2 + SearchTerms.MAX <= 100);
    }

    @Test
    void a_name_query_looks_up_its_longest_word_and_keeps_orders_with_every_word() {
        SearchQuery q = new SearchQuery("ann müll", List.of(SearchKind.NAME));
        assertEquals(new SearchTerm(SearchKind.NAME, "mull"), q.termFor(SearchKind.NAME));
        assertTrue(SearchTerms.nameMatches(order("1", null, "Anna Müller", null, "A"), q.nameWords()));
        assertFalse(SearchTerms.nameMatches(order("1", null, "Bob Müller", null, "A"), q.nameWords()));
    }

    @Test
    void a_query_with_an_at_sign_is_an_email_and_other_text_tries_every_other_kind() {
        List<FieldError> errors = new ArrayList<>();
        assertEquals(List.of(SearchKind.EMAIL), SearchQuery.parse("A@B.com", null, errors).kinds());
        assertEquals(List.of(SearchKind.NUM, SearchKind.TRACK, SearchKind.SKU, SearchKind.NAME),
                SearchQuery.parse("1001", null, errors).kinds());
        assertEquals(List.of(SearchKind.SKU), SearchQuery.parse("1001", "sku", errors).kinds());
        assertEquals(List.of(), errors);
    }

    @Test
    void a_query_without_text_or_with_an_unknown_field_is_refused_with_both_reasons() {
        List<FieldError> errors = new ArrayList<>();
        assertNull(SearchQuery.parse(" ", "colour", errors));
        assertEquals(List.of("field", "q"), errors.stream().map(FieldError::field).toList());
        errors.clear();
        assertNull(SearchQuery.parse("#-", null, errors));
        assertEquals(List.of("q"), errors.stream().map(FieldError::field).toList());
        errors.clear();
        assertNull(SearchQuery.parse("x".repeat(201), null, errors));
        assertEquals(List.of("q"), errors.stream().map(FieldError::field).toList());
    }
}
