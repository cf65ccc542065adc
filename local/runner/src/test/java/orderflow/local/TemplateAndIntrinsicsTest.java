package orderflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateAndIntrinsicsTest {

    private static final String YAML = """
            Parameters:
              Sender: { Type: String, Default: a@b.example }
              Minutes: { Type: Number, Default: 15 }
            Conditions:
              IsProd: !Equals [!Ref Sender, prod@b.example]
            Globals:
              Function:
                Timeout: 15
                Environment:
                  Variables: { SHARED: one, OVERRIDDEN: global }
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: { OWN: !Ref Sender, OVERRIDDEN: own }
                  Events:
                    Tick:
                      Type: ScheduleV2
                      Properties:
                        ScheduleExpression: !Sub "rate(${Minutes} minutes)"
            """;

    private static final Intrinsics.Lookup LOOKUP = new Intrinsics.Lookup() {
        @Override public Object ref(String name) { return Map.of("Sender", "a@b.example", "Minutes", "15",
                "AWS::Region", "us-east-1", "Queue", "https://q").get(name); }
        @Override public Object getAtt(String id, String attr) { return id + "." + attr; }
        @Override public boolean condition(String name) { return false; }
    };

    private Template load(Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, YAML);
        return Template.load(file);
    }

    @Test
    void short_form_intrinsics_become_long_form_and_resolve(@TempDir Path dir) throws IOException {
        Template t = load(dir);
        Intrinsics fn = new Intrinsics(LOOKUP);
        Map<String, Object> props = t.functionProperties("Fn");
        Map<String, Object> vars = Template.map(fn.resolve(Template.map(props.get("Environment")).get("Variables")));
        assertEquals(Map.of("SHARED", "one", "OVERRIDDEN", "own", "OWN", "a@b.example"), vars);
        assertEquals(15, props.get("Timeout"));
        Map<String, Object> tick = Template.map(Template.map(Template.map(props.get("Events")).get("Tick")).get("Properties"));
        assertEquals("rate(15 minutes)", fn.string(tick.get("ScheduleExpression")));
        assertEquals("Q.Arn", fn.resolve(Map.of("Fn::GetAtt", List.of("Q", "Arn"))));
        assertEquals("x-us-east-1-Q.Arn-${literal}", fn.resolve(Map.of("Fn::Sub", "x-${AWS::Region}-${Q.Arn}-${!literal}")));
        assertEquals(false, fn.resolve(Map.of("Fn::Equals", List.of("a", "b"))));
        assertEquals("a,b", fn.resolve(Map.of("Fn::Join", List.of(",", List.of("a", "b")))));
    }

    @Test
    void a_functions_jar_is_its_codeuri_or_its_modules_shaded_jar(@TempDir Path dir) throws IOException {
        Path root = Path.of("/project");
        assertEquals(Path.of("/project/functions/get-order/target/function.jar"),
                Template.functionJar(root, "functions/get-order"));
        assertEquals(Path.of("/project/functions/get-order/target/function.jar"),
                Template.functionJar(root, "functions/get-order/"));
        assertEquals(Path.of("/project/build/fn.jar"), Template.functionJar(root, "build/fn.jar"));
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, YAML.replace("  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n",
                "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/fn\n"));
        assertEquals(dir.resolve("functions/fn/target/function.jar"), Template.load(file).functionJar("Fn"));
    }

    @Test
    void globals_environment_variables_reach_a_function_without_its_own(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, YAML + """
                  Bare:
                    Type: AWS::Serverless::Function
                    Properties: { Handler: x.Y::handle }
                """);
        Map<String, Object> props = Template.load(file).functionProperties("Bare");
        assertEquals(Map.of("SHARED", "one", "OVERRIDDEN", "global"),
                Template.map(Template.map(props.get("Environment")).get("Variables")));
        assertEquals(15, props.get("Timeout"));
    }

    @Test
    void schedules_fire_at_their_rate_and_cron_is_on_demand() {
        assertEquals(Duration.ofMinutes(15), Scheduler.rate("rate(15 minutes)"));
        assertEquals(Duration.ofHours(1), Scheduler.rate("rate(1 hour)"));
        assertEquals(Duration.ofDays(2), Scheduler.rate("rate(2 days)"));
        assertNull(Scheduler.rate("cron(0 12 * * ? *)"));
    }

    @Test
    void routes_match_path_parameters_and_prefer_literal_segments() {
        HttpGateway.Route byId = new HttpGateway.Route("GET", "/v1/orders/{orderId}", "Get", null);
        HttpGateway.Route slip = new HttpGateway.Route("GET", "/v1/orders/{orderId}/packing-slip", "Slip", null);
        HttpGateway.Route proxy = new HttpGateway.Route("ANY", "/{proxy+}", "Any", null);
        assertTrue(byId.regex().matcher("/v1/orders/ord_1").matches());
        assertTrue(!byId.regex().matcher("/v1/orders/ord_1/packing-slip").matches());
        assertTrue(slip.regex().matcher("/v1/orders/ord_1/packing-slip").matches());
        assertTrue(proxy.regex().matcher("/a/b/c").matches());
        assertEquals(List.of("orderId"), slip.parameterNames());
        assertTrue(slip.specificity() > byId.specificity() && byId.specificity() > proxy.specificity());
    }

    @Test
    void text_bodies_stay_text_and_binary_bodies_are_base64() {
        assertTrue(HttpGateway.isText("application/json; charset=utf-8"));
        assertTrue(HttpGateway.isText("application/x-www-form-urlencoded"));
        assertTrue(!HttpGateway.isText("application/octet-stream"));
    }
}
