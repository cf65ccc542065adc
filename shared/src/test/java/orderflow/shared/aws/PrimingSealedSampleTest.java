package orderflow.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;

import orderflow.shared.ports.SecretBox;
import orderflow.shared.security.Envelope;
import org.junit.jupiter.api.Test;

class PrimingSealedSampleTest {

    private static final java.util.Map<String, String> CONTEXT =
            SecretBox.context(PrimingSamples.SELLER, "STOREFRONT#" + PrimingSamples.STOREFRONT);

    @Test
    void the_priming_storefront_holds_its_secret_sealed_as_a_deployed_stack_does() {
        List<String> secrets = PrimingSamples.storefrontItem().get("secrets").ss();
        assertEquals(1, secrets.size());
        assertTrue(SecretBox.isSealed(secrets.get(0)), secrets.get(0));
        assertEquals(PrimingSamples.SECRET,
                Envelope.open(PrimingSamples.primingDataKey(), Envelope.parse(secrets.get(0)), CONTEXT));
    }

    @Test
    void the_offline_kms_opens_the_sample_through_the_real_client_and_envelope_code() {
        String sealed = PrimingSamples.storefrontItem().get("secrets").ss().get(0);
        KmsSecretBox box = new KmsSecretBox(PrimingKms.client(), null, Clock.systemUTC());
        assertEquals(PrimingSamples.SECRET, box.open(sealed, CONTEXT));
        // the context still binds it: moved to another storefront, it does not open
        assertThrows(SecretBox.Unopenable.class, () -> box.open(sealed,
                SecretBox.context(PrimingSamples.SELLER, "STOREFRONT#another")));
    }
}
