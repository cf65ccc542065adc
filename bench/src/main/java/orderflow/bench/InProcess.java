package orderflow.bench;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;


import com.amazonaws.services.lambda.runtime.Context;
import orderflow.shared.aws.Adapters;
import orderflow.functions.auth.ApiKeyAuthorizerHandler;
import orderflow.functions.email.SendEmailHandler;
import orderflow.functions.orders.GetOrderHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.aws.Env;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The five handlers in this JVM, built with clients whose every call is metered. */
final class InProcess {

    final Metering metering = new Metering();
    /** The metered DynamoDB client, for sections that build more handlers. */
    final DynamoDbClient dynamo;
    final ReceiveWebhookHandler webhook;
    final ProcessOrderHandler process;
    final SendEmailHandler email;
    final GetOrderHandler getOrder;
    final ApiKeyAuthorizerHandler authorizer;
    /** Silent: handlers log per invocation and the bench keeps stdout for its progress. */
    final Context context = new PrimingContext();

    InProcess(Fixture fx) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        Region region = Region.of(fx.cloud.region());
        URI endpoint = URI.create(fx.endpoint);
        dynamo = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(metering)).build();
        SqsClient sqs = SqsClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(metering)).build();
        SesV2Client ses = SesV2Client.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(metering)).build();
        Clock clock = Clock.systemUTC();
        webhook = new ReceiveWebhookHandler(Adapters.of(dynamo, sqs, ses, env(fx, "ReceiveWebhookFunction"), clock));
        process = new ProcessOrderHandler(Adapters.of(dynamo, sqs, ses, env(fx, "ProcessOrderFunction"), clock));
        email = new SendEmailHandler(Adapters.of(dynamo, sqs, ses, env(fx, "SendEmailFunction"), clock));
        getOrder = new GetOrderHandler(Adapters.of(dynamo, sqs, ses, env(fx, "GetOrderFunction"), clock));
        authorizer = new ApiKeyAuthorizerHandler(Adapters.of(dynamo, sqs, ses, env(fx, "ApiKeyAuthorizerFunction"), clock));
    }

    private static Env env(Fixture fx, String id) {
        return Env.of(new HashMap<>(fx.cloud.functionEnvironment(id)));
    }


}
