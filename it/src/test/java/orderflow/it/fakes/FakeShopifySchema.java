package orderflow.it.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import orderflow.it.fakes.FakeShopifyGraphQL.SdlDef;
import orderflow.it.fakes.FakeShopifyGraphQL.SdlField;
import orderflow.it.fakes.FakeShopifyGraphQL.SdlInput;
import orderflow.it.fakes.FakeShopifyGraphQL.TypeRef;
import orderflow.it.fakes.FakeShopifyGraphQL.Value;

/**
 * The slice of the Shopify Admin GraphQL schema {@link FakeShopifyAdmin} serves, per API version, written
 * from shopify.dev's reference pages (types, argument and input field names, nullability, enum values).
 * It is deliberately small: a field, argument or input field that is not here is refused the way a GraphQL
 * server refuses it (undefinedField, argumentNotAccepted, "Field is not defined on ..."), which is the point:
 * a client that misreads a name fails against the fake instead of against the shop.
 *
 * <p>Version differences modelled (all from shopify.dev changelog entries):
 * <ul>
 *   <li>2025-07: {@code orderCancel(refundMethod: OrderCancelRefundMethodInput)} added, {@code refund}
 *       deprecated (and no longer non-null in this fake); before, {@code refund: Boolean!}.</li>
 *   <li>2026-01: {@code InventoryQuantityInput.changeFromQuantity} added; {@code @idempotent(key:)} accepted on
 *       {@code refundCreate} and {@code inventorySetQuantities}.</li>
 *   <li>2026-04: {@code compareQuantity} and {@code ignoreCompareQuantity} removed; {@code changeFromQuantity}
 *       must be given (null opts out); {@code @idempotent} mandatory on {@code refundCreate}.</li>
 * </ul>
 * The {@code Node} interface (tagsAdd's {@code node}) is modelled as an object with its one field, {@code id}:
 * inline fragments on it ({@code ... on Order}) are not served.
 * Input types whose shape was not confirmed from the docs are "permissive scalars": any value is accepted
 * and recorded as sent (see {@link #PERMISSIVE}).
 */
final class FakeShopifySchema {

    enum Kind { SCALAR, ENUM, OBJECT, INPUT_OBJECT }

    /** Types accepted as any JSON value (shapes not verified, or enums too large to list). */
    static final Set<String> PERMISSIVE = Set.of("JSON", "CurrencyCode", "OrderAdjustmentInputDiscrepancyReason",
            "RefundMethodInput", "FulfillmentOriginAddressInput");

    static final class Type {
        final String name;
        final Kind kind;
        final Map<String, FieldDef> fields = new LinkedHashMap<>();
        final Map<String, InputDef> inputFields = new LinkedHashMap<>();
        final List<String> enumValues = new ArrayList<>();

        Type(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        boolean isLeaf() {
            return kind == Kind.SCALAR || kind == Kind.ENUM;
        }

        boolean isConnection() {
            return kind == Kind.OBJECT && name.endsWith("Connection") && fields.containsKey("edges")
                    && fields.containsKey("nodes");
        }
    }

    record FieldDef(String name, TypeRef type, Map<String, InputDef> args) {
    }

    record InputDef(String name, TypeRef type, Value defaultValue) {
        boolean required() {
            return type.nonNull() && defaultValue == null;
        }
    }

    record DirectiveDef(String name, Map<String, InputDef> args, List<String> locations) {
    }

    final String version;
    final Map<String, Type> types = new LinkedHashMap<>();
    /** Deprecated fields ("Type.field") and arguments ("Type.field.argument"), as the deprecation header names them. */
    final Set<String> deprecated = new java.util.HashSet<>();
    final Map<String, DirectiveDef> directives = new LinkedHashMap<>();

    private static final Map<String, FakeShopifySchema> CACHE = new ConcurrentHashMap<>();

    static FakeShopifySchema forVersion(String version) {
        return CACHE.computeIfAbsent(version, FakeShopifySchema::new);
    }

    /** "2026-04" style comparison; "unstable" is newer than every dated version. */
    static boolean atLeast(String version, String than) {
        return sortKey(version).compareTo(sortKey(than)) >= 0;
    }

    static String sortKey(String version) {
        return "unstable".equals(version) ? "9999-99" : version;
    }

    Type type(String name) {
        return types.get(name);
    }

    Type queryRoot() {
        return types.get("QueryRoot");
    }

    Type mutationRoot() {
        return types.get("Mutation");
    }

    private FakeShopifySchema(String version) {
        this.version = version;
        for (SdlDef d : FakeShopifyGraphQL.parseSdl(sdl(version))) {
            switch (d.kind()) {
                case "scalar" -> types.put(d.name(), new Type(d.name(), Kind.SCALAR));
                case "enum" -> {
                    Type t = new Type(d.name(), Kind.ENUM);
                    t.enumValues.addAll(d.values());
                    types.put(d.name(), t);
                }
                case "type" -> {
                    Type t = new Type(d.name(), Kind.OBJECT);
                    for (SdlField f : d.fields()) {
                        t.fields.put(f.name(), new FieldDef(f.name(), f.type(), inputs(f.args())));
                    }
                    types.put(d.name(), t);
                }
                case "input" -> {
                    Type t = new Type(d.name(), Kind.INPUT_OBJECT);
                    t.inputFields.putAll(inputs(d.inputs()));
                    types.put(d.name(), t);
                }
                case "directive" -> directives.put(d.name(), new DirectiveDef(d.name(), inputs(d.inputs()), d.values()));
                default -> throw new IllegalStateException(d.kind());
            }
        }
        deprecated.add("Mutation.fulfillmentCreateV2");
        deprecated.add("OrderCancelPayload.userErrors");
        if (atLeast(version, "2025-07")) {
            deprecated.add("Mutation.orderCancel.refund");
        }
        if (atLeast(version, "2026-01") && !atLeast(version, "2026-04")) {
            deprecated.add("InventoryQuantityInput.compareQuantity");
            deprecated.add("InventorySetQuantitiesInput.ignoreCompareQuantity");
        }
        // every referenced type must be defined: a typo in the SDL below would otherwise surface as a confusing
        // client-facing error
        for (Type t : types.values()) {
            t.fields.values().forEach(f -> {
                need(f.type().namedType(), t.name + "." + f.name());
                f.args().values().forEach(a -> need(a.type().namedType(), t.name + "." + f.name() + "(" + a.name() + ")"));
            });
            t.inputFields.values().forEach(f -> need(f.type().namedType(), t.name + "." + f.name()));
        }
    }

    private void need(String type, String where) {
        if (!types.containsKey(type)) {
            throw new IllegalStateException("fake Shopify schema " + version + ": " + where + " uses undefined type " + type);
        }
    }

    private static Map<String, InputDef> inputs(List<SdlInput> list) {
        Map<String, InputDef> m = new LinkedHashMap<>();
        for (SdlInput i : list) {
            m.put(i.name(), new InputDef(i.name(), i.type(), i.defaultValue()));
        }
        return m;
    }

    private static String connection(String node) {
        return "type " + node + "Connection { nodes: [" + node + "!]! edges: [" + node + "Edge!]! pageInfo: PageInfo! }\n"
                + "type " + node + "Edge { node: " + node + "! cursor: String! }\n";
    }

    private static final String PAGE = "first: Int, after: String, last: Int, before: String, reverse: Boolean = false";

    /** The schema subset as SDL. Names and nullability follow the shopify.dev reference for each type. */
    private static String sdl(String v) {
        boolean v2507 = atLeast(v, "2025-07");
        boolean v2601 = atLeast(v, "2026-01");
        boolean v2604 = atLeast(v, "2026-04");
        StringBuilder s = new StringBuilder();
        s.append("""
                scalar ID scalar String scalar Int scalar Float scalar Boolean
                scalar Money scalar Decimal scalar URL scalar DateTime
                scalar JSON scalar CurrencyCode scalar OrderAdjustmentInputDiscrepancyReason
                scalar RefundMethodInput scalar FulfillmentOriginAddressInput
                directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
                directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
                enum FulfillmentOrderStatus { CANCELLED CLOSED IN_PROGRESS INCOMPLETE ON_HOLD OPEN SCHEDULED }
                enum FulfillmentStatus { CANCELLED ERROR FAILURE OPEN PENDING SUCCESS }
                enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY OTHER STAFF }
                enum OrderCancelUserErrorCode { INTERNAL_ERROR INVALID NO_REFUND_PERMISSION
                  NO_REFUND_TO_STORE_CREDIT_PERMISSION NOT_FOUND STORE_CREDIT_REFUND_B2B_NOT_SUPPORTED
                  STORE_CREDIT_REFUND_EXPIRATION_IN_PAST STORE_CREDIT_REFUND_MISSING_CUSTOMER }
                enum RefundLineItemRestockType { CANCEL LEGACY_RESTOCK NO_RESTOCK RETURN }
                enum RefundDutyRefundType { FULL PROPORTIONAL }
                enum OrderTransactionKind { AUTHORIZATION CAPTURE CHANGE EMV_AUTHORIZATION REFUND SALE SUGGESTED_REFUND VOID }
                enum OrderTransactionStatus { AWAITING_RESPONSE ERROR FAILURE PENDING SUCCESS UNKNOWN }
                enum OrderDisplayFulfillmentStatus { FULFILLED IN_PROGRESS ON_HOLD OPEN PARTIALLY_FULFILLED
                  PENDING_FULFILLMENT REQUEST_DECLINED RESTOCKED SCHEDULED UNFULFILLED }
                enum OrderDisplayFinancialStatus { AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED
                  PENDING REFUNDED VOIDED }
                enum InventorySetQuantitiesUserErrorCode { CHANGE_FROM_QUANTITY_STALE COMPARE_QUANTITY_REQUIRED
                  COMPARE_QUANTITY_STALE IDEMPOTENCY_CONCURRENT_REQUEST IDEMPOTENCY_KEY_PARAMETER_MISMATCH
                  IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED INVALID_INVENTORY_ITEM INVALID_LOCATION INVALID_NAME
                  INVALID_QUANTITY_NEGATIVE INVALID_QUANTITY_TOO_HIGH INVALID_QUANTITY_TOO_LOW INVALID_REASON
                  INVALID_REFERENCE_DOCUMENT ITEM_NOT_STOCKED_AT_LOCATION NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR
                  NON_MUTABLE_INVENTORY_ITEM }
                type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
                type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
                type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }
                type Location { id: ID! name: String! }
                type LineItem { id: ID! sku: String name: String! title: String! quantity: Int! currentQuantity: Int!
                  refundableQuantity: Int! unfulfilledQuantity: Int! originalUnitPriceSet: MoneyBag! }
                type FulfillmentOrderAssignedLocation { location: Location name: String! }
                type FulfillmentOrderLineItem { id: ID! remainingQuantity: Int! totalQuantity: Int! sku: String
                  productTitle: String! inventoryItemId: ID lineItem: LineItem! }
                type FulfillmentTrackingInfo { company: String number: String url: URL }
                type FulfillmentLineItem { id: ID! quantity: Int lineItem: LineItem! }
                type OrderTransaction { id: ID! kind: OrderTransactionKind! status: OrderTransactionStatus!
                  gateway: String amountSet: MoneyBag! parentTransaction: OrderTransaction createdAt: DateTime! }
                type RefundLineItem { id: ID quantity: Int! restockType: RefundLineItemRestockType! restocked: Boolean!
                  lineItem: LineItem! location: Location }
                type Job { id: ID! done: Boolean! }
                type Node { id: ID! }
                type UserError { field: [String!] message: String! }
                type OrderCancelUserError { field: [String!] message: String! code: OrderCancelUserErrorCode }
                type InventorySetQuantitiesUserError { field: [String!] message: String!
                  code: InventorySetQuantitiesUserErrorCode }
                type InventoryQuantity { name: String! quantity: Int! }
                type InventoryItem { id: ID! sku: String tracked: Boolean! inventoryLevel(locationId: ID!): InventoryLevel }
                type InventoryLevel { id: ID! item: InventoryItem! location: Location!
                  quantities(names: [String!]!): [InventoryQuantity!]! }
                type InventoryChange { name: String! delta: Int! quantityAfterChange: Int item: InventoryItem
                  location: Location }
                type InventoryAdjustmentGroup { id: ID! createdAt: DateTime! reason: String! referenceDocumentUri: String
                  changes(inventoryItemIds: [ID!], locationIds: [ID!], quantityNames: [String!]): [InventoryChange!]! }
                type FulfillmentCreatePayload { fulfillment: Fulfillment userErrors: [UserError!]! }
                type FulfillmentCreateV2Payload { fulfillment: Fulfillment userErrors: [UserError!]! }
                type OrderCancelPayload { job: Job orderCancelUserErrors: [OrderCancelUserError!]! userErrors: [UserError!]! }
                type RefundCreatePayload { order: Order refund: Refund userErrors: [UserError!]! }
                type TagsAddPayload { node: Node userErrors: [UserError!]! }
                type InventorySetQuantitiesPayload { inventoryAdjustmentGroup: InventoryAdjustmentGroup
                  userErrors: [InventorySetQuantitiesUserError!]! }
                input FulfillmentOrderLineItemInput { id: ID! quantity: Int! }
                input FulfillmentOrderLineItemsInput { fulfillmentOrderId: ID!
                  fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!] }
                input FulfillmentTrackingInput { company: String number: String numbers: [String!] url: URL urls: [URL!] }
                input FulfillmentInput { lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]!
                  notifyCustomer: Boolean = false originAddress: FulfillmentOriginAddressInput
                  trackingInfo: FulfillmentTrackingInput }
                input FulfillmentV2Input { lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]!
                  notifyCustomer: Boolean = false originAddress: FulfillmentOriginAddressInput
                  trackingInfo: FulfillmentTrackingInput }
                input OrderCancelStoreCreditRefundInput { expiresAt: DateTime }
                input OrderCancelRefundMethodInput { originalPaymentMethodsRefund: Boolean
                  storeCreditRefund: OrderCancelStoreCreditRefundInput }
                input MoneyInput { amount: Decimal! currencyCode: CurrencyCode! }
                input RefundLineItemInput { lineItemId: ID! quantity: Int! restockType: RefundLineItemRestockType
                  locationId: ID }
                input ShippingRefundInput { amount: Money fullRefund: Boolean }
                input OrderTransactionInput { amount: Money! gateway: String! kind: OrderTransactionKind! orderId: ID!
                  parentId: ID }
                input RefundDutyInput { dutyId: ID! refundType: RefundDutyRefundType }
                input RefundInput { allowOverRefunding: Boolean = false currency: CurrencyCode
                  discrepancyReason: OrderAdjustmentInputDiscrepancyReason note: String notify: Boolean orderId: ID!
                  processedAt: DateTime refundDuties: [RefundDutyInput!] refundLineItems: [RefundLineItemInput!]
                  refundMethods: [RefundMethodInput!] shipping: ShippingRefundInput transactions: [OrderTransactionInput!] }
                """);
        s.append(connection("LineItem")).append(connection("FulfillmentOrder")).append(connection("FulfillmentOrderLineItem"))
                .append(connection("FulfillmentLineItem")).append(connection("RefundLineItem"))
                .append(connection("OrderTransaction")).append(connection("InventoryItem"));
        s.append("type FulfillmentOrder { id: ID! status: FulfillmentOrderStatus! orderId: ID! order: Order!\n"
                + "  assignedLocation: FulfillmentOrderAssignedLocation! createdAt: DateTime! updatedAt: DateTime!\n"
                + "  lineItems(" + PAGE + "): FulfillmentOrderLineItemConnection! }\n");
        s.append("type Fulfillment { id: ID! name: String! status: FulfillmentStatus! createdAt: DateTime!\n"
                + "  trackingInfo(first: Int): [FulfillmentTrackingInfo!]! order: Order! location: Location\n"
                + "  fulfillmentLineItems(" + PAGE + "): FulfillmentLineItemConnection! }\n");
        s.append("type Refund { id: ID! createdAt: DateTime note: String totalRefundedSet: MoneyBag! order: Order!\n"
                + "  refundLineItems(" + PAGE + "): RefundLineItemConnection!\n"
                + "  transactions(" + PAGE + "): OrderTransactionConnection! }\n");
        s.append("type Order { id: ID! name: String! createdAt: DateTime! cancelledAt: DateTime cancelReason: OrderCancelReason\n"
                + "  closed: Boolean! currencyCode: CurrencyCode! displayFulfillmentStatus: OrderDisplayFulfillmentStatus!\n"
                + "  tags: [String!]!\n"
                + "  displayFinancialStatus: OrderDisplayFinancialStatus totalRefundedSet: MoneyBag!\n"
                + "  lineItems(" + PAGE + "): LineItemConnection!\n"
                + "  fulfillmentOrders(" + PAGE + ", query: String, displayable: Boolean = false): FulfillmentOrderConnection!\n"
                + "  fulfillments(first: Int): [Fulfillment!]! refunds(first: Int): [Refund!]!\n"
                + "  transactions(first: Int, capturable: Boolean, manuallyResolvable: Boolean): [OrderTransaction!]! }\n");
        s.append("input InventoryQuantityInput { inventoryItemId: ID! locationId: ID! quantity: Int!")
                .append(v2604 ? "" : " compareQuantity: Int")
                .append(v2601 ? " changeFromQuantity: Int" : "").append(" }\n");
        s.append("input InventorySetQuantitiesInput { name: String! reason: String! referenceDocumentUri: String\n"
                + "  quantities: [InventoryQuantityInput!]!").append(v2604 ? "" : " ignoreCompareQuantity: Boolean = false")
                .append(" }\n");
        if (v2601) {
            s.append("directive @idempotent(key: String!) on FIELD\n");
        }
        s.append("type QueryRoot { order(id: ID!): Order fulfillmentOrder(id: ID!): FulfillmentOrder location(id: ID): Location\n"
                + "  inventoryItem(id: ID!): InventoryItem job(id: ID!): Job\n"
                + "  inventoryItems(" + PAGE + ", query: String): InventoryItemConnection! }\n");
        s.append("type Mutation {\n"
                + "  fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload\n"
                + "  fulfillmentCreateV2(fulfillment: FulfillmentV2Input!, message: String): FulfillmentCreateV2Payload\n"
                + "  orderCancel(orderId: ID!, reason: OrderCancelReason!, ")
                .append(v2507 ? "refund: Boolean, refundMethod: OrderCancelRefundMethodInput, " : "refund: Boolean!, ")
                .append("restock: Boolean!, notifyCustomer: Boolean, staffNote: String): OrderCancelPayload\n"
                        + "  refundCreate(input: RefundInput!): RefundCreatePayload\n"
                        + "  tagsAdd(id: ID!, tags: [String!]!): TagsAddPayload\n"
                        + "  inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload\n"
                        + "}\n");
        return s.toString();
    }
}
