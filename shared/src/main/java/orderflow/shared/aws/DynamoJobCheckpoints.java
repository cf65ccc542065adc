package orderflow.shared.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.json.Json;
import orderflow.shared.ports.JobCheckpoints;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** AccountsTable items {@code JOB#{job}}: a job's checkpoint (the function may write only JOB# keys). */
public final class DynamoJobCheckpoints implements JobCheckpoints {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoJobCheckpoints(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Checkpoint> get(String job) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(job))).item();
        if (item == null || item.isEmpty() || !item.containsKey("bucket")) {
            return Optional.empty();
        }
        Map<String, String> after = null;
        if (item.containsKey("after")) {
            after = new HashMap<>();
            for (Map.Entry<String, Object> e : Json.parseObject(Attr.str(item, "after")).entrySet()) {
                after.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return Optional.of(new Checkpoint((int) Attr.num(item, "bucket"), after));
    }

    @Override
    public void save(String job, Checkpoint checkpoint) {
        Map<String, AttributeValue> item = new HashMap<>(key(job));
        item.put("bucket", Attr.n(checkpoint.bucket()));
        if (checkpoint.after() != null) {
            item.put("after", Attr.s(Json.write(checkpoint.after())));
        }
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public void clear(String job) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(job)));
    }

    private static Map<String, AttributeValue> key(String job) {
        return Map.of("pk", Attr.s("JOB#" + job));
    }
}
