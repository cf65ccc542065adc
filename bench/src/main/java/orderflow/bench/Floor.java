package orderflow.bench;

import java.util.Map;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The cold-start floor: a fresh JVM that builds the same SDK clients a function builds (same
 * HTTP client, region and credentials chain) and makes one call with each, then says FLOOR_DONE.
 * Runs on the function's own jar, so the SDK classes are the function's.
 * Arguments: the clients (dynamodb, sqs, sesv2); env FLOOR_TABLE, FLOOR_KEY, FLOOR_QUEUE_URL,
 * FLOOR_SENDER, FLOOR_HOLD.
 */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) {
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
        System.out.println("FLOOR_DONE");
        System.out.flush();
        if ("1".equals(System.getenv("FLOOR_HOLD"))) {
            try {
                Thread.sleep(60_000); // stay alive while the bench reads this process's CPU time and peak RSS
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
