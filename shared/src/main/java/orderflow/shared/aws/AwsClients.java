package orderflow.shared.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Client factories for the no-argument handler constructors: explicit region, the lightweight
 * UrlConnection HTTP client, default credentials chain (environment on Lambda, container with
 * SnapStart). Endpoints follow AWS_ENDPOINT_URL when set, which is how the local cloud is reached.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static Region region() {
        return Region.of(Env.system().require("AWS_REGION"));
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().region(region()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder().region(region()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SesV2Client ses() {
        return SesV2Client.builder().region(region()).httpClient(UrlConnectionHttpClient.create()).build();
    }
}
