package orderflow.shared.aws;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.returns.ReturnPolicy;
import orderflow.shared.json.Json;
import orderflow.shared.ports.ReturnPolicies;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** AccountsTable item RETURNPOLICY#seller: the policy as its JSON shape, who set it and when. */
public final class DynamoReturnPolicies implements ReturnPolicies {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReturnPolicies(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<ReturnPolicy> get(String sellerId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", Attr.s("RETURNPOLICY#" + sellerId)))).item();
        if (item == null || item.isEmpty() || Attr.str(item, "policy") == null) {
            return Optional.empty();
        }
        return Optional.of(ReturnPolicy.parse(Json.parseObject(Attr.str(item, "policy"))));
    }

    @Override
    public void put(String sellerId, ReturnPolicy policy, String actor, Instant at) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", Attr.s("RETURNPOLICY#" + sellerId),
                "policy", Attr.s(Json.write(policy.toJson())), "updatedBy", Attr.s(actor),
                "updatedAt", Attr.s(at.toString()))));
    }
}
