package org.rightsflow.fulfilment.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PackageCryptoWarmUpTest {

    private static final PackageProperties PROPERTIES =
            new PackageProperties(Path.of("unused"), "a-test-master-key-of-at-least-32-characters");

    @Test
    void roundTripsRealSegments() throws IOException {
        assertThat(new PackageCryptoWarmUp(new PackageCrypto(PROPERTIES), 100).warmUp(100)).isEqualTo(100);
    }

    @Test
    void aRoundTripThatDoesNotGiveBackThePlainTextFailsTheSelfTest() {
        PackageCrypto broken = new PackageCrypto(PROPERTIES) {
            @Override
            public InputStream decrypting(InputStream source, byte[] key) {
                return new ByteArrayInputStream(new byte[256]);
            }
        };
        assertThatThrownBy(() -> new PackageCryptoWarmUp(broken, 10).warmUp(10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not decrypt");
    }
}
