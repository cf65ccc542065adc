package orderflow.shared.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import orderflow.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The offline SDK clients of {@link Priming}, apart from it: {@link Priming} itself loads no AWS SDK
 * class, so a function whose jar has none (the dashboard) can still prime.
 */
final class PrimingClients {

    /** Static dummy credentials: no real credential enters a snapshot. */
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    private PrimingClients() {
    }

    static DynamoDbClient dynamoDb(Priming.Answers answers) {
        return DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(new PrimingHttpClient(answers::answer)).build();
    }

    static SqsClient sqs() {
        return SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(new PrimingHttpClient((request, body) -> {
                    Object message = Json.parseObject(body).get("MessageBody");
                    return Json.write(Map.of("MessageId", "priming",
                            "MD5OfMessageBody", md5(message == null ? "" : message.toString())));
                })).build();
    }

    static SesV2Client ses() {
        return SesV2Client.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(new PrimingHttpClient((request, body) -> "{\"MessageId\":\"priming\"}")).build();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs label links offline with the priming credentials: no real credential enters the snapshot. */
    static software.amazon.awssdk.services.s3.presigner.S3Presigner s3Presigner() {
        return software.amazon.awssdk.services.s3.presigner.S3Presigner.builder().region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
    }
}
