package orderflow.shared.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
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

    public static KmsClient kms() {
        return KmsClient.builder().region(region()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SsmClient ssm() {
        return SsmClient.builder().region(region()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SesV2Client ses() {
        return SesV2Client.builder().region(region()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * S3 for the labels bucket. Against an emulator (AWS_ENDPOINT_URL set) objects are addressed by
     * path, since a loopback endpoint has no per-bucket host names.
     */
    public static S3Client s3() {
        return S3Client.builder().region(region()).httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(Env.system().optional("AWS_ENDPOINT_URL") != null).build();
    }

    /** Signs label links offline (no call to AWS); same endpoint and addressing as {@link #s3()}. */
    public static S3Presigner s3Presigner() {
        String endpoint = Env.system().optional("AWS_ENDPOINT_URL");
        S3Presigner.Builder b = S3Presigner.builder().region(region());
        if (endpoint != null) {
            b.endpointOverride(java.net.URI.create(endpoint))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return b.build();
    }
}
