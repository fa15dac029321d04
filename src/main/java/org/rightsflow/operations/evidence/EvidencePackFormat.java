package org.rightsflow.operations.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence pack's file format, shared by the writer and the verifier: a ZIP whose {@code manifest.json} lists every
 * other file with its SHA-256 and size, and whose {@code manifest.sig} is the server's Ed25519 signature of the
 * manifest's bytes (Base64). The manifest also carries the public key, so the pack verifies on its own; comparing the
 * key's fingerprint with the one the server publishes ({@code GET /staff/api/evidence-key}) proves whose key it is.
 */
public final class EvidencePackFormat {

    public static final String FORMAT = "rightsflow-evidence-pack/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT).build();

    private EvidencePackFormat() {
    }

    /**
     * Writes the files, the manifest over them and its signature, in this order, into one ZIP.
     *
     * @param files path inside the pack → content, in the order they go in
     */
    public static byte[] write(Map<String, byte[]> files, Map<String, Object> about, EvidenceSigningKey key) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        about.forEach((name, value) -> manifest.set(name, JSON.valueToTree(value)));
        manifest.put("publicKey", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
        manifest.put("publicKeyFingerprint", key.fingerprint());
        ArrayNode list = manifest.putArray("files");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            list.addObject().put("path", file.getKey()).put("sha256", sha256(file.getValue()))
                    .put("size", file.getValue().length);
        }
        byte[] manifestBytes = bytes(manifest);
        byte[] signature = Base64.getEncoder().encode(key.sign(manifestBytes));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            Map<String, byte[]> all = new LinkedHashMap<>(files);
            all.put(MANIFEST, manifestBytes);
            all.put(SIGNATURE, signature);
            for (Map.Entry<String, byte[]> file : all.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(0); // the same content gives the same bytes: dates are inside the files
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
