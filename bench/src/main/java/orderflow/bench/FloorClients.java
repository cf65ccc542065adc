package orderflow.bench;

import java.util.Map;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The floor's SDK calls, in a class of their own so that Floor itself links without the SDK. */
final class FloorClients {

    private FloorClients() {
    }

    static void callEach(String[] args) {
        Region region = Region.of(System.getenv("AWS_REGION"));
        for (String client : args) {
            switch (client) {
                case "dynamodb" -> {
                    DynamoDbClient dynamo = DynamoDbClient.builder().region(region)
                            .credentialsProvider(DefaultCredentialsProvider.builder().build())
                            .httpClient(UrlConnectionHttpClient.create()).build();
                    dynamo.getItem(b -> b.tableName(System.getenv("FLOOR_TABLE"))
                            .key(Map.of(System.getenv("FLOOR_KEY"), AttributeValue.fromS("floor"))));
                }
                case "sqs" -> {
                    SqsClient sqs = SqsClient.builder().region(region)
                            .credentialsProvider(DefaultCredentialsProvider.builder().build())
                            .httpClient(UrlConnectionHttpClient.create()).build();
                    sqs.getQueueAttributes(b -> b.queueUrl(System.getenv("FLOOR_QUEUE_URL")));
                }
                case "sesv2" -> {
                    SesV2Client ses = SesV2Client.builder().region(region)
                            .credentialsProvider(DefaultCredentialsProvider.builder().build())
                            .httpClient(UrlConnectionHttpClient.create()).build();
                    ses.getEmailIdentity(b -> b.emailIdentity(System.getenv("FLOOR_SENDER")));
                }
                default -> throw new IllegalArgumentException(client + "?");
            }
        }
    }
}
