package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoAdmin;
import org.junit.jupiter.api.Test;

/** Operator writes (scripts/admin) against the emulator: stock and secret rotation. */
class DynamoAdminIT {

    private final TestCloud cloud = TestCloud.get();
    private final DynamoAdmin admin = cloud.admin();

    @Test
    void set_stock_keeps_reserved_and_refuses_to_go_below_it() {
        String seller = cloud.newSeller("adm");
        admin.putStock(seller, "SKU-1", 10, Instant.now());
        assertArrayEquals(new long[] {10, 0, 10}, admin.stock(seller, "SKU-1"));
        // Reserve 4 the way the processor does, then recount the shelf.
        cloud.dynamo.updateItem(b -> b.tableName(cloud.ref("InventoryTable"))
                .key(java.util.Map.of("sellerId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(seller),
                        "sku", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SKU-1")))
                .updateExpression("SET reserved = reserved + :q, available = available - :q")
                .expressionAttributeValues(java.util.Map.of(":q",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("4"))));
        admin.putStock(seller, "SKU-1", 6, Instant.now());
        assertArrayEquals(new long[] {6, 4, 2}, admin.stock(seller, "SKU-1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> admin.putStock(seller, "SKU-1", 3, Instant.now()));
        assertEquals("on-hand stock of SKU-1 cannot go below what is reserved (4)", e.getMessage());
        assertArrayEquals(new long[] {6, 4, 2}, admin.stock(seller, "SKU-1"));
    }

    @Test
    void create_storefront_never_takes_another_sellers_id_and_replaces_its_own_only_when_asked() {
        String owner = cloud.newSeller("sf-owner");
        String other = cloud.newSeller("sf-other");
        String id = owner + "-shop";
        DynamoAccounts accounts = cloud.adapters("ReceiveWebhookFunction").accountsWithSecrets(); // secrets are sealed
        String secret = admin.createStorefront(id, owner, "generic", null, false);

        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> admin.createStorefront(id, other, "generic", null, true));
        assertTrue(taken.getMessage().contains("another seller"), taken.getMessage());
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
                () -> admin.createStorefront(id, owner, "shopify", null, false));
        assertTrue(exists.getMessage().contains("--replace"), exists.getMessage());
        assertEquals(owner, accounts.storefront(id).orElseThrow().sellerId());
        assertEquals(List.of(secret), accounts.storefront(id).orElseThrow().secrets(), "nothing was replaced");

        String replaced = admin.createStorefront(id, owner, "shopify", "shpss_given", true);
        assertEquals("shpss_given", replaced);
        assertEquals("shopify", accounts.storefront(id).orElseThrow().type());
    }

    @Test
    void a_storefront_rotates_through_two_secrets_and_keeps_at_least_one() {
        String seller = cloud.newSeller("rot");
        String first = admin.putStorefront(seller + "-sf", seller, "generic");
        DynamoAccounts accounts = cloud.adapters("ReceiveWebhookFunction").accountsWithSecrets(); // secrets are sealed
        String second = admin.addSecret(seller + "-sf");
        assertEquals(Set.of(first, second), Set.copyOf(accounts.storefront(seller + "-sf").orElseThrow().secrets()));
        assertThrows(IllegalArgumentException.class, () -> admin.addSecret(seller + "-sf"));
        admin.retireSecret(seller + "-sf", first);
        assertEquals(List.of(second), accounts.storefront(seller + "-sf").orElseThrow().secrets());
        assertThrows(IllegalArgumentException.class, () -> admin.retireSecret(seller + "-sf", second));
    }
}
