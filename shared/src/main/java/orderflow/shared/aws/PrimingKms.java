package orderflow.shared.aws;

import java.util.Base64;

import orderflow.shared.json.Json;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The offline KMS of priming: Decrypt hands back the public priming data key, so a priming run opens
 * the sample's sealed secret through the real client, marshalling and envelope code. In a class of
 * its own so that only functions whose jar has the KMS client ever load it.
 */
final class PrimingKms {

    private PrimingKms() {
    }

    static KmsClient client() {
        String answer = Json.write(java.util.Map.of("KeyId", "arn:aws:kms:us-east-1:000000000000:key/priming",
                "Plaintext", Base64.getEncoder().encodeToString(PrimingSamples.primingDataKey()),
                "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
        return KmsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(PrimingClients.CREDENTIALS)
                .httpClient(new PrimingHttpClient((request, body) -> answer)).build();
    }
}
