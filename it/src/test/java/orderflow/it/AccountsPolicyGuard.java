package orderflow.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import orderflow.local.Template;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * IAM as template.yaml grants it, applied to a function's AccountsTable calls in every *IT: each
 * GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan and transaction item on the table must be
 * allowed by one of the function's statements, including its {@code dynamodb:LeadingKeys}
 * condition on the partition key. A call the real IAM would refuse fails the test with what was
 * missing, so the least-privilege grants are proven by the suite's own traffic, not by reading.
 */
final class AccountsPolicyGuard implements ExecutionInterceptor {

    /** What the SAM policy templates grant on a table, as far as these calls go. */
    private static final Map<String, Set<String>> SAM_TEMPLATES = Map.of(
            "DynamoDBReadPolicy", Set.of("GetItem", "BatchGetItem", "Query", "Scan", "ConditionCheckItem"),
            "DynamoDBWritePolicy", Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "ConditionCheckItem"),
            "DynamoDBCrudPolicy", Set.of("GetItem", "BatchGetItem", "Query", "Scan", "PutItem", "UpdateItem",
                    "DeleteItem", "BatchWriteItem", "ConditionCheckItem"));

    /** One grant on the table: actions, and the partition-key patterns when the statement limits them. */
    record Grant(Set<String> actions, List<Pattern> leadingKeys, Set<String> attributes) {
        Grant(Set<String> actions, List<Pattern> leadingKeys) {
            this(actions, leadingKeys, null);
        }

        /** {@code touched} null: the whole item (no projection), which a dynamodb:Attributes condition refuses. */
        boolean allows(String action, String pk, Set<String> touched) {
            return (actions.contains(action) || actions.contains("*"))
                    && (leadingKeys == null || (pk != null && leadingKeys.stream().anyMatch(p -> p.matcher(pk).matches())))
                    && (attributes == null || (touched != null && attributes.containsAll(touched)));
        }
    }

    private final String functionId;
    private final String tableName;
    private final List<Grant> grants;

    AccountsPolicyGuard(String functionId, String tableName, List<Grant> grants) {
        this.functionId = functionId;
        this.tableName = tableName;
        this.grants = grants;
    }

    /** The grants a function's Policies hold on AccountsTable. */
    static List<Grant> grantsOf(Template template, String functionId) {
        List<Grant> grants = new ArrayList<>();
        for (Object policy : Template.list(template.properties(functionId).get("Policies"))) {
            Map<String, Object> p = Template.map(policy);
            for (Map.Entry<String, Set<String>> sam : SAM_TEMPLATES.entrySet()) {
                if (p.containsKey(sam.getKey()) && refersToAccounts(p.get(sam.getKey()))) {
                    grants.add(new Grant(sam.getValue(), null));
                }
            }
            if (p.containsKey("Statement")) {
                for (Object s : Template.list(p.get("Statement"))) {
                    Map<String, Object> statement = Template.map(s);
                    if (!"Allow".equals(statement.get("Effect")) || !refersToAccounts(statement.get("Resource"))) {
                        continue;
                    }
                    Set<String> actions = new java.util.HashSet<>();
                    Object action = statement.get("Action");
                    for (Object a : action instanceof List<?> l ? l : List.of(action)) {
                        String name = String.valueOf(a);
                        actions.add(name.substring(name.indexOf(':') + 1));
                    }
                    grants.add(new Grant(actions, leadingKeys(statement.get("Condition")),
                            attributes(statement.get("Condition"))));
                }
            }
        }
        return grants;
    }

    /** The attributes a ForAllValues:StringEquals dynamodb:Attributes condition allows, or null. */
    private static Set<String> attributes(Object condition) {
        Object equals = condition == null ? null
                : Template.map(Template.map(condition).get("ForAllValues:StringEquals")).get("dynamodb:Attributes");
        return equals == null ? null : new java.util.HashSet<>(Template.list(equals).stream().map(String::valueOf).toList());
    }

    private static List<Pattern> leadingKeys(Object condition) {
        if (condition == null) {
            return null;
        }
        for (Object key : Template.map(condition).keySet()) {
            if (!Set.of("ForAllValues:StringLike", "ForAllValues:StringEquals", "StringEqualsIfExists").contains(key)) {
                throw new IllegalStateException("a condition on AccountsTable with " + key
                        + ": teach AccountsPolicyGuard what it means");
            }
        }
        Object like = Template.map(Template.map(condition).get("ForAllValues:StringLike")).get("dynamodb:LeadingKeys");
        if (like == null) {
            throw new IllegalStateException("a condition on AccountsTable without ForAllValues:StringLike"
                    + " dynamodb:LeadingKeys: teach AccountsPolicyGuard what it means");
        }
        List<Pattern> patterns = new ArrayList<>();
        for (Object v : like instanceof List<?> l ? l : List.of(like)) {
            patterns.add(Pattern.compile(Pattern.quote(String.valueOf(v)).replace("*", "\\E.*\\Q")));
        }
        return patterns;
    }

    private static boolean refersToAccounts(Object node) {
        return String.valueOf(node).contains("AccountsTable");
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        switch (request) {
            case GetItemRequest r -> check(r.tableName(), "GetItem", pk(r.key()),
                    projected(r.projectionExpression(), r.expressionAttributeNames()));
            case PutItemRequest r -> check(r.tableName(), "PutItem", pk(r.item()), r.item().keySet());
            case UpdateItemRequest r -> check(r.tableName(), "UpdateItem", pk(r.key()), updated(r));
            case DeleteItemRequest r -> check(r.tableName(), "DeleteItem", pk(r.key()), null);
            case QueryRequest r -> check(r.tableName(), "Query", queriedPk(r), null);
            case ScanRequest r -> check(r.tableName(), "Scan", null, null);
            case BatchGetItemRequest r -> r.requestItems().forEach((table, keys) ->
                    keys.keys().forEach(k -> check(table, "BatchGetItem", pk(k),
                            projected(keys.projectionExpression(), keys.expressionAttributeNames()))));
            case TransactGetItemsRequest r -> r.transactItems().forEach(t ->
                    check(t.get().tableName(), "GetItem", pk(t.get().key()), null));
            case TransactWriteItemsRequest r -> r.transactItems().forEach(this::check);
            default -> { }
        }
    }

    private void check(TransactWriteItem t) {
        if (t.put() != null) {
            check(t.put().tableName(), "PutItem", pk(t.put().item()), t.put().item().keySet());
        } else if (t.update() != null) {
            check(t.update().tableName(), "UpdateItem", pk(t.update().key()), null);
        } else if (t.delete() != null) {
            check(t.delete().tableName(), "DeleteItem", pk(t.delete().key()), null);
        } else if (t.conditionCheck() != null) {
            check(t.conditionCheck().tableName(), "ConditionCheckItem", pk(t.conditionCheck().key()), null);
        }
    }

    /** The attribute names a projection reads (null: no projection, the whole item). */
    private static Set<String> projected(String projection, Map<String, String> names) {
        if (projection == null) {
            return null;
        }
        Set<String> out = new java.util.HashSet<>();
        for (String part : projection.split(",")) {
            String name = part.strip();
            out.add(name.startsWith("#") && names != null ? names.getOrDefault(name, name) : name);
        }
        return out;
    }

    /** The attributes an update names through #placeholders, plus the key. */
    private static Set<String> updated(UpdateItemRequest r) {
        Set<String> out = new java.util.HashSet<>(r.key().keySet());
        if (r.expressionAttributeNames() != null) {
            out.addAll(r.expressionAttributeNames().values());
        }
        return out;
    }

    private void check(String table, String action, String pk, Set<String> touched) {
        if (!tableName.equals(table)) {
            return;
        }
        record(action, pk);
        if (grants.stream().noneMatch(g -> g.allows(action, pk, touched))) {
            throw SdkClientException.create(functionId + " is not allowed dynamodb:" + action + " on AccountsTable"
                    + (pk == null ? "" : " for key " + pk) + " by its Policies in template.yaml (AccountsPolicyGuard)");
        }
    }

    /** it/target/accounts-access.txt: each function's calls (action, key prefix), to review the grants against. */
    private void record(String action, String pk) {
        String prefix = pk == null ? "-" : pk.contains("#") ? pk.substring(0, pk.indexOf('#') + 1) : pk;
        String line = functionId + " " + action + " " + prefix + System.lineSeparator();
        synchronized (AccountsPolicyGuard.class) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "accounts-access.txt"), line,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String pk(Map<String, AttributeValue> key) {
        AttributeValue pk = key == null ? null : key.get("pk");
        return pk == null ? null : pk.s();
    }

    /** The partition key value a Query names ("pk = :v"), for the LeadingKeys condition. */
    private static String queriedPk(QueryRequest r) {
        var m = Pattern.compile("#?pk\\s*=\\s*(:\\w+)").matcher(String.valueOf(r.keyConditionExpression()));
        return m.find() && r.expressionAttributeValues() != null && r.expressionAttributeValues().get(m.group(1)) != null
                ? r.expressionAttributeValues().get(m.group(1)).s() : null;
    }
}
