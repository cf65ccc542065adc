package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import orderflow.local.Template;
import orderflow.shared.aws.Adapters;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the code: every function's jar holds its handler, every environment
 * variable a handler reads is set (and none is set for nothing), queues keep their promises,
 * and no policy grants a wildcard. Runs after packaging, on the built jars.
 */
class TemplateIT {

    /** Read by the JVM or the Lambda runtime, not by our code. */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private final Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private final Template template = load();

    private Template load() {
        try {
            return Template.load(root.resolve("template.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> functions() {
        List<String> ids = template.idsOfType("AWS::Serverless::Function");
        assertFalse(ids.isEmpty());
        return ids;
    }

    @Test
    void every_function_jar_contains_its_handler_class() throws Exception {
        for (String id : functions()) {
            Map<String, Object> props = template.properties(id);
            String handler = (String) props.get("Handler");
            String className = handler.substring(0, handler.indexOf("::"));
            Path jar = template.functionJar(id);
            assertTrue(Files.isRegularFile(jar), id + ": " + jar + " missing");
            try (JarFile file = new JarFile(jar.toFile())) {
                assertNotNull(file.getEntry(className.replace('.', '/') + ".class"), id + ": " + className + " not in jar");
                assertNotNull(file.getEntry("com/amazonaws/services/lambda/runtime/RequestHandler.class"), id);
                assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("software/amazon/awssdk/http/apache")
                        || e.getName().startsWith("org/apache/hc/") || e.getName().startsWith("org/apache/http/")
                        || e.getName().startsWith("io/netty/")),
                        id + ": bundles an unused HTTP client");
            }
            Class<?> type = Class.forName(className);
            assertTrue(RequestHandler.class.isAssignableFrom(type), className);
            assertNotNull(type.getConstructor(), className + " needs a public no-argument constructor");
            String method = handler.substring(handler.indexOf("::") + 2);
            assertNotNull(type.getMethod(method, java.io.InputStream.class, java.io.OutputStream.class,
                    com.amazonaws.services.lambda.runtime.Context.class), handler + " is not a stream handler method");
        }
    }

    /**
     * A handler's variables are what its wiring reads (Adapters records each name). Each one it reads
     * is set; each of its own it is given is read; and the tables and queues its policies name are
     * exactly those its variables name: no resource without a permission, no permission unused.
     * Buckets too: an S3 grant names its bucket in a !Sub ("${LabelsBucket.Arn}/labels/*").
     */
    @Test
    void each_handler_reads_exactly_its_variables_and_holds_permissions_for_exactly_those_resources() throws Exception {
        TestCloud cloud = TestCloud.get();
        for (String id : functions()) {
            String handler = (String) template.properties(id).get("Handler");
            Adapters adapters = cloud.adapters(id);
            Class.forName(handler.substring(0, handler.indexOf("::"))).getConstructor(Adapters.class).newInstance(adapters);
            Set<String> read = new TreeSet<>(adapters.env().names());
            Map<String, Object> available = Template.map(Template.map(template.functionProperties(id).get("Environment")).get("Variables"));
            Set<String> missing = new TreeSet<>(read);
            missing.removeAll(available.keySet());
            assertEquals(Set.of(), missing, id + ": variables the code reads but template.yaml does not set");
            Set<String> own = new TreeSet<>(Template.map(Template.map(template.properties(id).get("Environment")).get("Variables")).keySet());
            own.removeAll(PLATFORM_VARIABLES);
            own.removeAll(read);
            assertEquals(Set.of(), own, id + ": variables template.yaml sets for this function but its code never reads");
            Set<String> named = new TreeSet<>();
            for (String name : read) {
                Object value = available.get(name);
                if (value instanceof Map<?, ?>) {
                    named.addAll(tablesAndQueues(value));
                }
            }
            assertEquals(named, tablesAndQueues(template.properties(id).get("Policies")),
                    id + ": the tables, queues and buckets its policies name differ from those its variables name");
            for (String name : read) {
                assertTrue(!name.endsWith("_TABLE") && !name.endsWith("_QUEUE_URL") || available.get(name) instanceof Map,
                        id + ": " + name + " reaches code through !Ref/!GetAtt, not a literal");
            }
        }
    }

    /** Resources a function reaches through a variable, so its policies must name them (and only them). */
    private static final Set<String> DATA_RESOURCE_TYPES = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue",
            "AWS::S3::Bucket");

    /**
     * The logical ids of the tables, queues and buckets this part of the template refers to (Ref,
     * GetAtt, and the ${Id} / ${Id.Attr} of a !Sub: S3 object grants are written "${Bucket.Arn}/prefix/*").
     */
    private Set<String> tablesAndQueues(Object node) {
        Set<String> ids = new TreeSet<>();
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("Fn::Sub".equals(e.getKey()) && e.getValue() instanceof String text) {
                    Matcher sub = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z]+)?}").matcher(text);
                    while (sub.find()) {
                        if (isDataResource(sub.group(1))) {
                            ids.add(sub.group(1));
                        }
                    }
                    continue;
                }
                Object target = "Ref".equals(e.getKey()) ? e.getValue()
                        : "Fn::GetAtt".equals(e.getKey()) ? (e.getValue() instanceof List<?> l ? l.get(0)
                        : String.valueOf(e.getValue()).split("\\.")[0]) : null;
                if (target != null && isDataResource(String.valueOf(target))) {
                    ids.add(String.valueOf(target));
                } else {
                    ids.addAll(tablesAndQueues(e.getValue()));
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(v -> ids.addAll(tablesAndQueues(v)));
        }
        return ids;
    }

    private boolean isDataResource(String id) {
        return template.resources().containsKey(id) && DATA_RESOURCE_TYPES.contains(template.type(id));
    }

    @Test
    void every_queue_has_a_dlq_after_5_receives_and_a_visibility_timeout_of_6x_its_consumer() {
        int globalTimeout = ((Number) template.globals("Function").get("Timeout")).intValue();
        List<String> consumers = new ArrayList<>();
        for (String fn : functions()) {
            Map<String, Object> props = template.functionProperties(fn);
            int timeout = ((Number) props.getOrDefault("Timeout", globalTimeout)).intValue();
            for (Object e : Template.map(props.get("Events")).values()) {
                Map<String, Object> event = Template.map(e);
                if (!"SQS".equals(event.get("Type"))) {
                    continue;
                }
                Map<String, Object> ep = Template.map(event.get("Properties"));
                String queue = (String) Template.list(Template.map(ep.get("Queue")).get("Fn::GetAtt")).get(0);
                consumers.add(queue);
                Map<String, Object> q = template.properties(queue);
                assertTrue(((Number) q.get("VisibilityTimeout")).intValue() >= 6 * timeout, queue);
                Map<String, Object> redrive = Template.map(q.get("RedrivePolicy"));
                assertTrue(((Number) redrive.get("maxReceiveCount")).intValue() >= 5, queue);
                assertTrue(Template.list(ep.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"), queue);
            }
        }
        for (String queue : template.idsOfType("AWS::SQS::Queue")) {
            boolean isDlq = template.idsOfType("AWS::SQS::Queue").stream().anyMatch(other -> String.valueOf(
                    template.properties(other).get("RedrivePolicy")).contains(queue + ", Arn"));
            assertTrue(consumers.contains(queue) || isDlq, queue + " has no consumer and is no DLQ");
        }
    }

    /** SAM policy templates used here; each is scoped to the one table or queue named in its parameter. */
    private static final Set<String> SCOPED_POLICY_TEMPLATES = Set.of("DynamoDBReadPolicy", "DynamoDBWritePolicy",
            "SQSSendMessagePolicy");

    @Test
    void no_iam_statement_grants_a_wildcard_action_or_resource() {
        int statements = 0;
        int templates = 0;
        for (String id : template.resources().keySet()) {
            Map<String, Object> props = template.properties(id);
            String type = template.type(id);
            if (type.equals("AWS::Serverless::Function")) {
                for (Object policy : Template.list(props.get("Policies"))) {
                    Map<String, Object> p = Template.map(policy);
                    assertFalse(policy instanceof String, id + ": managed policy " + policy + " is not scoped to our resources");
                    if (p.containsKey("Statement")) {
                        for (Object st : Template.list(p.get("Statement"))) {
                            checkStatement(id, Template.map(st));
                            statements++;
                        }
                        continue;
                    }
                    assertEquals(1, p.size(), id + ": " + policy);
                    String name = p.keySet().iterator().next();
                    assertTrue(SCOPED_POLICY_TEMPLATES.contains(name), id + ": policy template " + name
                            + " is not known to be scoped; check what it grants and add it here");
                    for (Object param : Template.map(p.get(name)).values()) {
                        assertTrue(param instanceof Map<?, ?> m && (m.containsKey("Ref") || m.containsKey("Fn::GetAtt")),
                                id + ": " + name + " must name a resource of this template, not " + param);
                    }
                    templates++;
                }
            }
            // Any other policy document in the template (queue, topic and IAM policies).
            for (String key : List.of("PolicyDocument", "AssumeRolePolicyDocument")) {
                for (Object st : Template.list(Template.map(props.get(key)).get("Statement"))) {
                    checkStatement(id, Template.map(st));
                    statements++;
                }
            }
            if (type.startsWith("AWS::IAM::")) {
                for (Object policy : Template.list(props.get("Policies"))) {
                    for (Object st : Template.list(Template.map(Template.map(policy).get("PolicyDocument")).get("Statement"))) {
                        checkStatement(id, Template.map(st));
                        statements++;
                    }
                }
            }
        }
        assertTrue(statements >= 10 && templates >= 50, statements + " statements, " + templates + " policy templates checked");
    }

    @Test
    void no_function_may_scan_or_query_accounts_table_and_every_read_of_it_is_limited_to_key_prefixes() {
        // AccountsTable holds every tenant's storefront secrets, platform tokens and API key hashes: a
        // function gets GetItem (and writes) on the key prefixes it needs, never the whole table.
        int limited = 0;
        for (String id : functions()) {
            for (AccountsPolicyGuard.Grant grant : AccountsPolicyGuard.grantsOf(template, id)) {
                assertFalse(grant.actions().contains("Query") || grant.actions().contains("Scan")
                        || grant.actions().contains("*"), id + " may Query or Scan AccountsTable: " + grant);
                assertTrue(grant.leadingKeys() != null && !grant.leadingKeys().isEmpty(),
                        id + " reaches AccountsTable without a dynamodb:LeadingKeys condition: " + grant);
                assertFalse(grant.leadingKeys().stream().anyMatch(p -> p.matcher("ANYTHING").matches()),
                        id + " has a LeadingKeys pattern that matches any key: " + grant);
                limited++;
            }
        }
        assertTrue(limited >= 25, limited + " AccountsTable grants checked");
    }

    @Test
    void every_function_logs_to_the_stacks_own_log_group_which_expires() {
        Object group = Template.map(template.globals("Function").get("LoggingConfig")).get("LogGroup");
        assertEquals(Map.of("Ref", "FunctionLogs"), group, "Globals: LoggingConfig.LogGroup");
        assertEquals("AWS::Logs::LogGroup", template.type("FunctionLogs"));
        assertEquals(Map.of("Ref", "LogRetentionDays"), template.properties("FunctionLogs").get("RetentionInDays"));
        for (String id : functions()) {
            assertFalse(template.properties(id).containsKey("LoggingConfig"),
                    id + ": its own LoggingConfig would send its logs to a group that never expires");
        }
    }

    private static void checkStatement(String id, Map<String, Object> statement) {
        String where = id + ": " + statement;
        assertTrue(statement.containsKey("Effect") && statement.containsKey("Action"), where + " needs Effect and Action");
        if ("Allow".equals(statement.get("Effect"))) {
            assertFalse(statement.containsKey("NotAction") || statement.containsKey("NotResource"),
                    where + ": an Allow with NotAction/NotResource grants everything else");
        }
        if ("Deny".equals(statement.get("Effect"))) {
            return; // a Deny only takes away (LabelsBucketPolicy: s3:* for anyone without TLS); its breadth is the point
        }
        for (String action : strings(statement.get("Action"))) {
            assertTrue(action.matches("[a-z0-9-]+:[A-Za-z0-9]+"), where + ": action " + action + " is a wildcard or malformed");
        }
        // Every permission statement names its resources (only a role's trust policy has none).
        assertTrue(statement.containsKey("Resource") || statement.containsKey("Principal")
                && !statement.containsKey("Resource") && Template.map(statement.get("Principal")).containsKey("Service"),
                where + " names no Resource");
        for (String resource : strings(statement.get("Resource"))) {
            // S3 grants objects by key prefix ("${Bucket.Arn}/labels/*"): one trailing wildcard after a fixed prefix
            boolean objectPrefix = resource.matches("\\$\\{[A-Za-z0-9]+\\.Arn}/[A-Za-z0-9_-]+/\\*")
                    && strings(statement.get("Action")).stream().allMatch(a -> a.startsWith("s3:"));
            assertFalse(resource.contains("*") && !objectPrefix, where + ": resource " + resource + " has a wildcard");
        }
        Object principal = statement.get("Principal");
        if (principal != null) {
            for (String p : strings(principal)) {
                assertFalse(p.equals("*"), where + ": anyone may use it");
            }
        }
    }

    /** Every string inside a value (intrinsics included: the text of a !Sub, the names of a !GetAtt). */
    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String text) {
            out.add(text);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> out.addAll(strings(v)));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> out.addAll(strings(v)));
        }
        return out;
    }

    @Test
    void checkov_skips_live_in_checkov_yaml_each_with_its_reason() throws IOException {
        for (String id : template.resources().keySet()) {
            assertFalse(Template.map(template.resource(id).get("Metadata")).containsKey("checkov"),
                    id + ": checkov skips belong in .checkov.yaml");
        }
        List<String> lines = Files.readAllLines(root.resolve(".checkov.yaml"));
        int skips = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = Pattern.compile("^  - (\\S+)$").matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            assertTrue(m.group(1).matches("CKV2?_AWS_\\d+"), "skip of " + m.group(1));
            int reason = 0;
            for (int k = i - 1; k >= 0 && lines.get(k).startsWith("  #"); k--) {
                reason += lines.get(k).length();
            }
            assertTrue(reason >= 40, m.group(1) + " needs a written reason (a comment above it)");
            skips++;
        }
        assertTrue(skips > 0, "no skip-check entries in .checkov.yaml");
    }

    /** The functions that open sealed secrets, and the AccountsTable items each may open (kms:EncryptionContext:item). */
    private static final Map<String, List<String>> DECRYPTS = Map.ofEntries(
            Map.entry("ReceiveWebhookFunction", List.of("STOREFRONT#*")),
            Map.entry("ReceiveBuyerMessageFunction", List.of("STOREFRONT#*")),
            Map.entry("CreateReturnFunction", List.of("STOREFRONT#*")),
            Map.entry("DeliverRefundFunction", List.of("STOREFRONT#*")),
            Map.entry("ReceiveAmazonNotificationFunction", List.of("AMAZONSELLER#*")),
            Map.entry("SyncChannelFunction", List.of("CHANNEL#*")),
            Map.entry("PushStockFunction", List.of("CHANNEL#*")),
            Map.entry("GetRatesFunction", List.of("CHANNEL#*", "CARRIER#*")),
            Map.entry("BuyLabelFunction", List.of("CHANNEL#*", "CARRIER#*")),
            Map.entry("PollTrackingFunction", List.of("CHANNEL#*", "CARRIER#*")),
            Map.entry("ReceiveTrackingEventFunction", List.of("CARRIER#*")));

    @Test
    void only_the_functions_that_verify_or_sign_with_a_secret_may_decrypt_and_only_their_items() {
        Map<String, List<String>> holders = new java.util.TreeMap<>();
        for (String id : functions()) {
            for (Object policy : Template.list(template.properties(id).get("Policies"))) {
                String text = String.valueOf(policy);
                assertFalse(text.contains("KMSDecryptPolicy") || text.contains("kms:*"), id + ": " + text);
                for (Object st : Template.list(Template.map(policy).get("Statement"))) {
                    Map<String, Object> statement = Template.map(st);
                    if (strings(statement.get("Action")).stream().anyMatch(a -> a.startsWith("kms:"))) {
                        assertEquals(List.of("kms:Decrypt"), strings(statement.get("Action")), id + " seals nothing");
                        Object item = Template.map(Template.map(statement.get("Condition")).get("StringLike"))
                                .get("kms:EncryptionContext:item");
                        assertFalse(strings(item).isEmpty(), id + ": Decrypt without an item condition");
                        holders.put(id, strings(item));
                    }
                }
            }
        }
        assertEquals(new java.util.TreeMap<>(DECRYPTS), holders);
        Map<String, Object> key = template.properties("SecretsKey");
        // A function that may decrypt must package the KMS client (else its first sealed secret is a
        // NoClassDefFoundError, a 500), and no other function carries it (jar size, cold start).
        Set<String> packaged = new TreeSet<>();
        for (String id : functions()) {
            Path pom = root.resolve(String.valueOf(template.functionProperties(id).get("CodeUri"))).resolve("pom.xml");
            try {
                if (Files.readString(pom).contains("<artifactId>kms</artifactId>")) {
                    packaged.add(id);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertEquals(new TreeSet<>(DECRYPTS.keySet()), packaged, "functions whose pom.xml packages the KMS client");
        assertEquals(Boolean.TRUE, key.get("EnableKeyRotation"));
    }

    @Test
    void no_environment_variable_holds_a_secret_only_where_one_is_kept() {
        Pattern secretLike = Pattern.compile("(^|_)(SECRET|TOKEN|PASSWORD|KEY|CREDENTIALS?)(_|$)");
        Set<String> noEcho = new TreeSet<>();
        template.parameters().forEach((name, def) -> {
            if (Boolean.TRUE.equals(Template.map(def).get("NoEcho")) || "true".equals(String.valueOf(Template.map(def).get("NoEcho")))) {
                noEcho.add(name);
            }
        });
        int checked = 0;
        for (String id : functions()) {
            Map<String, Object> vars = Template.map(Template.map(template.functionProperties(id).get("Environment")).get("Variables"));
            for (Map.Entry<String, Object> v : vars.entrySet()) {
                for (String name : noEcho) {
                    assertFalse(strings(v.getValue()).contains(name), id + ": " + v.getKey() + " holds the NoEcho parameter " + name);
                }
                if (secretLike.matcher(v.getKey()).find()) {
                    // Only the name of where the secret is kept (an SSM parameter, a key), through a !Ref.
                    assertTrue(v.getKey().endsWith("_PARAMETER") || v.getKey().endsWith("_ARN"),
                            id + ": " + v.getKey() + " looks like a secret value; pass the name of where it is kept");
                    assertTrue(v.getValue() instanceof Map<?, ?> m && m.containsKey("Ref"),
                            id + ": " + v.getKey() + " is not a !Ref");
                    checked++;
                }
            }
        }
        assertTrue(noEcho.isEmpty(), "a NoEcho parameter is a secret passed to CloudFormation: " + noEcho);
        assertTrue(checked >= 6, checked + " secret references checked");
    }

    /** The dev-only switch that lets outbound HTTP reach http://127.0.0.1 is the local runner's alone. */
    @Test
    void no_deployed_function_may_call_loopback_or_plain_http() throws IOException {
        String text = Files.readString(root.resolve("template.yaml"));
        assertFalse(text.contains(orderflow.shared.outbound.OutboundRules.LOCAL_SWITCH),
                "template.yaml must never set " + orderflow.shared.outbound.OutboundRules.LOCAL_SWITCH);
        assertFalse(Template.map(template.globals("Function").get("Environment")).toString()
                .contains(orderflow.shared.outbound.OutboundRules.LOCAL_SWITCH));
    }

    /** Floods: the open POST routes (deliveries) are alarmed per route (4xx share and 429s), and the edge stays opt-in. */
    @Test
    void every_open_route_has_a_rejected_and_a_throttled_alarm_and_the_edge_is_off_by_default() {
        Set<String> alarmed = new TreeSet<>();
        for (String id : template.idsOfType("AWS::CloudWatch::Alarm")) {
            String props = String.valueOf(template.resource(id).get("Properties"));
            Matcher route = Pattern.compile("Route, Value=(POST \\S+?)\\}\\]").matcher(props);
            if (route.find()) {
                alarmed.add(route.group(1) + (props.contains("MetricName=4xx") ? " 4xx" : " 429"));
            }
        }
        for (String id : functions()) {
            Map<String, Object> events = Template.map(template.properties(id).get("Events"));
            for (Object raw : events.values()) {
                Map<String, Object> p = Template.map(Template.map(raw).get("Properties"));
                if ("NONE".equals(Template.map(p.get("Auth")).get("Authorizer")) && "POST".equals(p.get("Method"))) {
                    String route = p.get("Method") + " " + p.get("Path");
                    assertTrue(alarmed.contains(route + " 4xx"), route + ": no 4xx alarm in " + alarmed);
                    assertTrue(alarmed.contains(route + " 429"), route + ": no 429 alarm in " + alarmed);
                }
            }
        }
        assertEquals("false", String.valueOf(Template.map(template.parameters().get("EdgeProtection")).get("Default")));
    }
}
