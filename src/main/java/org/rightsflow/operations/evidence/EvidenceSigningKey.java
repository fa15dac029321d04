package org.rightsflow.operations.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;

/**
 * The server's Ed25519 key that signs evidence packs, derived from a configured secret
 * ({@code rightsflow.evidence.signing-secret}; {@code RIGHTSFLOW_EVIDENCE_SIGNING_SECRET} in the postgres profile): the
 * same secret gives the same key on every node and after every restart, so a pack made by any node verifies against
 * the one published public key. Its fingerprint (SHA-256 of the public key's X.509 encoding) identifies it.
 */
public final class EvidenceSigningKey {

    private final KeyPair keys;

    private EvidenceSigningKey(KeyPair keys) {
        this.keys = keys;
    }

    public static EvidenceSigningKey fromSecret(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("rightsflow.evidence.signing-secret must be set to at least 32 characters");
        }
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256").digest(
                    ("rightsflow-evidence-pack-v1:" + secret).getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            // Ed25519's private key is 32 random bytes: the generator takes them from this source, which yields the seed
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            return new EvidenceSigningKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this Java runtime", e);
        }
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    public String fingerprint() {
        return fingerprint(keys.getPublic());
    }

    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /** Hands out the seed and nothing else: used only to derive the key. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Unexpected key size " + bytes.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
