package orderflow.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.aws.KmsSecretBox;
import orderflow.shared.json.Json;
import orderflow.shared.ports.SecretBox;
import orderflow.shared.outbound.OutboundRules;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Creates what template.yaml declares (DynamoDB tables, SQS queues, SES identities) in the
 * emulator (and the KMS key that seals secrets, when given a KMS client), and answers Ref/GetAtt with the physical names, so functions get the same kind of
 * configuration they get on AWS. Resources are created on first reference, so order never matters.
 */
public final class LocalCloud implements Intrinsics.Lookup {

    public static final String ACCOUNT = "123456789012";

    private final Template template;
    private final String region;
    private final String prefix;
    private final Map<String, String> parameters;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final S3Client s3;
    private final SesV2Client ses;
    private final Intrinsics intrinsics = new Intrinsics(this);
    private final Map<String, Map<String, Object>> created = new HashMap<>();
    private KmsClient kms;
    private SsmClient ssm;

    public LocalCloud(Template template, String region, String prefix, Map<String, String> parameterOverrides,
                      DynamoDbClient dynamo, SqsClient sqs, SesV2Client ses) {
        this(template, region, prefix, parameterOverrides, dynamo, sqs, ses, null);
    }

    /** s3: creates the template's buckets (null: buckets are named but not created). */
    public LocalCloud(Template template, String region, String prefix, Map<String, String> parameterOverrides,
                      DynamoDbClient dynamo, SqsClient sqs, SesV2Client ses, S3Client s3) {
        this.s3 = s3;
        this.template = template;
        this.region = region;
        this.prefix = prefix;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.ses = ses;
        this.parameters = new LinkedHashMap<>();
        template.parameters().forEach((name, def) -> {
            Object dflt = Template.map(def).get("Default");
            if (dflt != null) {
                parameters.put(name, String.valueOf(dflt));
            }
        });
        parameters.putAll(parameterOverrides);
    }

    /** KMS creates the stack's keys (before the first reference to them); SSM holds SecureStrings put here. */
    public LocalCloud withSecrets(KmsClient kmsClient, SsmClient ssmClient) {
        this.kms = kmsClient;
        this.ssm = ssmClient;
        return this;
    }

    /** What the operator seals with: the stack's SecretsKey; null without a KMS client (secrets stay plain). */
    public SecretBox sealer() {
        return kms == null ? null : new KmsSecretBox(kms, String.valueOf(ref("SecretsKey")), java.time.Clock.systemUTC());
    }

    /** Puts a SecureString (what the operator does with aws ssm put-parameter for the LWA client secret). */
    public void putSecureString(String name, String value) {
        ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
    }

    public Template template() {
        return template;
    }

    public Intrinsics intrinsics() {
        return intrinsics;
    }

    public String region() {
        return region;
    }

    /** A function's Environment.Variables (Globals merged), resolved against this cloud. */
    public Map<String, String> functionEnvironment(String functionId) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> props = template.functionProperties(functionId);
        Template.map(intrinsics.resolve(Template.map(props.get("Environment")).get("Variables")))
                .forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        // Dev only, never in template.yaml: outbound HTTP may reach the local fakes on http://127.0.0.1.
        env.put(OutboundRules.LOCAL_SWITCH, "loopback");
        return env;
    }

    /** Creates every resource the local cloud knows how to create. */
    public void provisionAll() {
        for (String id : template.resources().keySet()) {
            if (isActive(id)) {
                physical(id);
            }
        }
    }

    public boolean isActive(String logicalId) {
        Object condition = template.resource(logicalId).get("Condition");
        return condition == null || condition(String.valueOf(condition));
    }

    @Override
    public Object ref(String name) {
        switch (name) {
            case "AWS::Region": return region;
            case "AWS::AccountId": return ACCOUNT;
            case "AWS::StackName": return prefix;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::NoValue": return null;
            default:
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (template.parameters().containsKey(name)) {
            throw new IllegalArgumentException("template parameter " + name + " has no default; pass it as "
                    + "PARAM_" + name);
        }
        return physical(name).get("Ref");
    }

    @Override
    public Object getAtt(String logicalId, String attribute) {
        Object value = physical(logicalId).get(attribute);
        if (value == null) {
            throw new IllegalArgumentException(logicalId + "." + attribute + " is not available locally");
        }
        return value;
    }

    @Override
    public boolean condition(String name) {
        return intrinsics.condition(template.conditions().get(name));
    }

    /** Physical attributes of a resource (Ref, Arn, ...), creating it on first use. */
    public synchronized Map<String, Object> physical(String logicalId) {
        Map<String, Object> done = created.get(logicalId);
        if (done != null) {
            return done;
        }
        if (!template.resources().containsKey(logicalId)) {
            throw new IllegalArgumentException("no resource or parameter named " + logicalId);
        }
        Map<String, Object> attrs = switch (template.type(logicalId)) {
            case "AWS::DynamoDB::Table" -> table(logicalId, resolvedProperties(logicalId));
            case "AWS::SQS::Queue" -> queue(logicalId, resolvedProperties(logicalId));
            case "AWS::SES::EmailIdentity" -> identity(resolvedProperties(logicalId));
            case "AWS::S3::Bucket" -> bucket(logicalId, resolvedProperties(logicalId));
            case "AWS::KMS::Key" -> key(logicalId);
            case "AWS::KMS::Alias" -> alias(resolvedProperties(logicalId));
            case "AWS::Serverless::Function" -> {
                String fn = name(logicalId, intrinsics.resolve(template.properties(logicalId).get("FunctionName")));
                yield Map.of("Ref", fn, "Arn", "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + fn);
            }
            default -> Map.of("Ref", logicalId);
        };
        created.put(logicalId, attrs);
        return attrs;
    }

    /**
     * A bucket named after the stack (lowercase, as S3 requires), with its CORS rules (the dashboard
     * puts files to presigned links from the browser); encryption and lifecycle are AWS's to apply.
     */
    private Map<String, Object> bucket(String logicalId, Map<String, Object> properties) {
        String name = (prefix + "-" + logicalId).toLowerCase(java.util.Locale.ROOT);
        if (s3 != null) {
            try {
                s3.createBucket(b -> b.bucket(name));
            } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException
                     | software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException exists) {
                // a local stack started before: the bucket and its labels stay
            }
            List<software.amazon.awssdk.services.s3.model.CORSRule> rules = new ArrayList<>();
            for (Object r : Template.list(Template.map(properties.get("CorsConfiguration")).get("CorsRules"))) {
                Map<String, Object> rule = Template.map(r);
                rules.add(software.amazon.awssdk.services.s3.model.CORSRule.builder()
                        .allowedMethods(strings(rule.get("AllowedMethods"))).allowedOrigins(strings(rule.get("AllowedOrigins")))
                        .allowedHeaders(strings(rule.get("AllowedHeaders")))
                        .maxAgeSeconds(rule.get("MaxAge") == null ? null : Integer.valueOf(String.valueOf(rule.get("MaxAge"))))
                        .build());
            }
            if (!rules.isEmpty()) {
                s3.putBucketCors(c -> c.bucket(name).corsConfiguration(cc -> cc.corsRules(rules)));
            }
        }
        return Map.of("Ref", name, "Arn", "arn:aws:s3:::" + name);
    }

    /** A symmetric key; rotation and the key policy are AWS's to apply. Without KMS, only names. */
    private Map<String, Object> key(String logicalId) {
        if (kms == null) {
            return Map.of("Ref", logicalId, "Arn", "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + logicalId);
        }
        var meta = kms.createKey(b -> b.description(prefix + " " + logicalId)).keyMetadata();
        return Map.of("Ref", meta.keyId(), "Arn", meta.arn());
    }

    private Map<String, Object> alias(Map<String, Object> p) {
        String name = String.valueOf(p.get("AliasName"));
        if (kms != null) {
            try {
                kms.createAlias(b -> b.aliasName(name).targetKeyId(String.valueOf(p.get("TargetKeyId"))));
            } catch (software.amazon.awssdk.services.kms.model.AlreadyExistsException e) {
                kms.updateAlias(b -> b.aliasName(name).targetKeyId(String.valueOf(p.get("TargetKeyId"))));
            }
        }
        return Map.of("Ref", name);
    }

    private static List<String> strings(Object list) {
        return Template.list(list).stream().map(String::valueOf).toList();
    }

    private Map<String, Object> resolvedProperties(String logicalId) {
        return Template.map(intrinsics.resolve(template.properties(logicalId)));
    }

    private String name(String logicalId, Object explicit) {
        return explicit != null ? String.valueOf(explicit) : prefix + "-" + logicalId;
    }

    private Map<String, Object> table(String logicalId, Map<String, Object> p) {
        String name = name(logicalId, p.get("TableName"));
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Template.list(p.get("AttributeDefinitions")).stream().map(Template::map)
                        .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                                .attributeType((String) a.get("AttributeType")).build()).toList())
                .keySchema(keys(p.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object gsi : Template.list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> g = Template.map(gsi);
            Map<String, Object> projection = Template.map(g.get("Projection"));
            indexes.add(GlobalSecondaryIndex.builder().indexName((String) g.get("IndexName"))
                    .keySchema(keys(g.get("KeySchema")))
                    .projection(Projection.builder().projectionType((String) projection.getOrDefault("ProjectionType", "ALL"))
                            .nonKeyAttributes(Template.list(projection.get("NonKeyAttributes")).stream()
                                    .map(String::valueOf).toList()).build()).build());
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        String arn;
        try {
            arn = dynamo.createTable(request.build()).tableDescription().tableArn();
        } catch (ResourceInUseException e) {
            arn = dynamo.describeTable(b -> b.tableName(name)).table().tableArn();
        }
        Map<String, Object> ttl = Template.map(p.get("TimeToLiveSpecification"));
        if (Boolean.TRUE.equals(ttl.get("Enabled")) || "true".equals(String.valueOf(ttl.get("Enabled")))) {
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(
                    t -> t.attributeName((String) ttl.get("AttributeName")).enabled(true)));
        }
        return Map.of("Ref", name, "Arn", arn);
    }

    private static List<KeySchemaElement> keys(Object schema) {
        return Template.list(schema).stream().map(Template::map)
                .map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
                        .keyType((String) k.get("KeyType")).build()).toList();
    }

    private Map<String, Object> queue(String logicalId, Map<String, Object> p) {
        String name = name(logicalId, p.get("QueueName"));
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        copy(p, "VisibilityTimeout", attributes, QueueAttributeName.VISIBILITY_TIMEOUT);
        copy(p, "MessageRetentionPeriod", attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD);
        copy(p, "DelaySeconds", attributes, QueueAttributeName.DELAY_SECONDS);
        copy(p, "ReceiveMessageWaitTimeSeconds", attributes, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
        copy(p, "FifoQueue", attributes, QueueAttributeName.FIFO_QUEUE);
        if (p.get("RedrivePolicy") != null) {
            Object policy = p.get("RedrivePolicy");
            attributes.put(QueueAttributeName.REDRIVE_POLICY, policy instanceof String s ? s : Json.write(policy));
        }
        String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return Map.of("Ref", url, "Arn", arn, "QueueName", name, "QueueUrl", url);
    }

    private static void copy(Map<String, Object> p, String key, Map<QueueAttributeName, String> out,
                             QueueAttributeName name) {
        if (p.get(key) != null) {
            out.put(name, String.valueOf(p.get(key)));
        }
    }

    private Map<String, Object> identity(Map<String, Object> p) {
        String identity = String.valueOf(p.get("EmailIdentity"));
        try {
            ses.createEmailIdentity(b -> b.emailIdentity(identity));
        } catch (AlreadyExistsException e) {
            // created by an earlier run against the same emulator
        }
        return Map.of("Ref", identity);
    }
}
