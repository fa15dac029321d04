package org.rightsflow.operations.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.rightsflow.audit.AuditTrail;

/**
 * Proves an evidence pack unaltered, or names what changed. Runs without the application, from its jar:
 *
 * <pre>
 * java -cp target/rightsflow-*.jar -Dloader.main=org.rightsflow.operations.evidence.EvidencePackVerifier \
 *      org.springframework.boot.loader.launch.PropertiesLauncher pack.zip [expected-key-fingerprint]
 * </pre>
 *
 * Checks, in order: every ZIP entry reads back intact; the manifest's signature with the key it names (and that key's
 * fingerprint equals the expected one, when given); every file the manifest lists is there with its SHA-256 and
 * size, and no other file is; every audit entry's hash recomputes from its fields. Exit code 0 when verified, 1 when
 * not (each problem on its own line), 2 on wrong usage.
 */
public final class EvidencePackVerifier {

    private EvidencePackVerifier() {
    }

    /**
     * @param problems what is wrong, each naming the file (and entry) concerned; empty when verified
     * @param keyFingerprint the fingerprint of the key the manifest names (null when no manifest could be read)
     */
    public record Result(boolean verified, List<String> problems, String reference, String keyFingerprint,
                         int files) {
    }

    public static Result verify(byte[] pack, String expectedFingerprint) {
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(pack))) {
            ZipEntry entry;
            while (true) {
                try {
                    entry = zip.getNextEntry();
                } catch (ZipException e) {
                    problems.add("the ZIP is damaged after " + (files.isEmpty() ? "its start"
                            : "file " + last(files)) + ": " + e.getMessage());
                    break;
                }
                if (entry == null) {
                    break;
                }
                try {
                    byte[] content = zip.readAllBytes();
                    if (files.put(entry.getName(), content) != null) {
                        problems.add("file " + entry.getName() + " appears twice in the ZIP");
                    }
                } catch (ZipException e) {
                    problems.add("file " + entry.getName() + " was changed: its compressed bytes do not read back ("
                            + e.getMessage() + ")");
                    files.put(entry.getName(), null);
                }
            }
        } catch (IOException e) {
            problems.add("the file is not a readable ZIP: " + e.getMessage());
        }
        byte[] manifestBytes = files.get(EvidencePackFormat.MANIFEST);
        byte[] signatureBytes = files.get(EvidencePackFormat.SIGNATURE);
        if (manifestBytes == null || signatureBytes == null) {
            problems.add("the pack has no readable " + (manifestBytes == null ? EvidencePackFormat.MANIFEST
                    : EvidencePackFormat.SIGNATURE) + ": nothing in it can be verified");
            return new Result(false, problems, null, null, files.size());
        }
        JsonNode manifest;
        try {
            manifest = EvidencePackFormat.read(manifestBytes);
        } catch (IOException e) {
            problems.add("manifest.json was changed: it is no longer valid JSON");
            return new Result(false, problems, null, null, files.size());
        }
        String fingerprint = null;
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(manifest.path("publicKey").asText())));
            fingerprint = EvidenceSigningKey.fingerprint(key);
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(manifestBytes);
            if (!signature.verify(Base64.getDecoder().decode(new String(signatureBytes, java.nio.charset.StandardCharsets.US_ASCII).trim()))) {
                problems.add("manifest.json was changed (or manifest.sig): the signature does not match it");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add("manifest.json or manifest.sig was changed: the key or signature cannot be read");
        }
        if (expectedFingerprint != null && fingerprint != null && !expectedFingerprint.equalsIgnoreCase(fingerprint)) {
            problems.add("the pack is signed with key " + fingerprint + ", not with the expected key " + expectedFingerprint);
        }
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        for (JsonNode file : manifest.path("files")) {
            listed.put(file.path("path").asText(), file);
        }
        for (Map.Entry<String, JsonNode> file : listed.entrySet()) {
            String path = file.getKey();
            if (!files.containsKey(path)) {
                problems.add("file " + path + " is missing");
                continue;
            }
            byte[] content = files.get(path);
            if (content == null) {
                continue; // already reported as unreadable
            }
            String expected = file.getValue().path("sha256").asText();
            String actual = EvidencePackFormat.sha256(content);
            if (!expected.equals(actual)) {
                problems.add("file " + path + " was changed: its SHA-256 is " + actual + ", the manifest says " + expected);
            } else if (content.length != file.getValue().path("size").asLong()) {
                problems.add("file " + path + " was changed: its size differs from the manifest");
            }
        }
        for (String path : files.keySet()) {
            if (!listed.containsKey(path) && !path.equals(EvidencePackFormat.MANIFEST)
                    && !path.equals(EvidencePackFormat.SIGNATURE)) {
                problems.add("file " + path + " was added: the manifest does not list it");
            }
        }
        problems.addAll(auditEntries(files.get(EvidencePackBuilder.AUDIT_ENTRIES)));
        return new Result(problems.isEmpty(), problems, manifest.path("reference").asText(null), fingerprint,
                listed.size());
    }

    /** Every audit entry's hash recomputed from its fields, as the audit trail computes it. */
    static List<String> auditEntries(byte[] json) {
        List<String> problems = new ArrayList<>();
        if (json == null) {
            return problems;
        }
        try {
            for (JsonNode entry : EvidencePackFormat.read(json).path("entries")) {
                String recomputed = AuditTrail.hash(entry.path("seq").asLong(), Instant.parse(entry.path("at").asText()),
                        text(entry, "reference"), text(entry, "actor"), text(entry, "action"), text(entry, "detail"),
                        text(entry, "prevHash"));
                if (!recomputed.equals(entry.path("hash").asText())) {
                    problems.add(EvidencePackBuilder.AUDIT_ENTRIES + ": audit entry " + entry.path("seq").asLong()
                            + " does not match its hash");
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(EvidencePackBuilder.AUDIT_ENTRIES + " cannot be read: " + e.getMessage());
        }
        return problems;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String last(Map<String, byte[]> files) {
        String last = null;
        for (String name : files.keySet()) {
            last = name;
        }
        return last;
    }

    /**
     * The auditor's command line (docs/staff.md): prints the verdict and exits 0 when verified, 1 when not, 2 on
     * a wrong call. A command's output is its interface, so it writes to the console, not to a log.
     */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length < 1 || args.length > 2) {
            err.println("usage: EvidencePackVerifier pack.zip [expected-key-fingerprint]");
            return 2;
        }
        Result result = verify(Files.readAllBytes(Path.of(args[0])), args.length == 2 ? args[1] : null);
        if (result.verified()) {
            out.println("VERIFIED: " + args[0] + " — request " + result.reference() + ", " + result.files()
                    + " files unaltered, signed with key " + result.keyFingerprint());
            if (args.length == 1) {
                out.println("Compare the key with the server's published fingerprint (GET /staff/api/evidence-key)"
                        + " or pass it as the second argument.");
            }
            return 0;
        }
        out.println("NOT VERIFIED: " + args[0]);
        result.problems().forEach(problem -> out.println("  - " + problem));
        return 1;
    }
}
