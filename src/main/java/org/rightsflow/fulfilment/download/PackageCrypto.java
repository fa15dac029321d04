package org.rightsflow.fulfilment.download;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.rightsflow.common.Hashing;
import org.springframework.stereotype.Component;

/**
 * Encryption at rest of result packages: every package has its own random AES-256 key, used with AES-GCM, and that
 * key is stored only wrapped (AES-GCM) with the server's master key, bound to the download's id.
 *
 * <p>The file is written as a sequence of independently authenticated segments (64 KiB of plain text each, nonce =
 * random prefix + segment number, the last segment marked in the authenticated data), because the JDK's AES-GCM
 * releases nothing of a single large ciphertext before its tag is checked: a package of any size is encrypted and
 * decrypted with constant memory, and a truncated, reordered or altered file fails to decrypt.
 */
@Component
public class PackageCrypto {

    static final int SEGMENT = 64 * 1024;
    private static final byte[] MAGIC = "RFP1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = 128;
    private static final int PREFIX = 8;

    private final SecretKey masterKey;

    public PackageCrypto(PackageProperties properties) {
        this.masterKey = new SecretKeySpec(masterKeyBytes(properties.masterKey()), "AES");
    }

    private static byte[] masterKeyBytes(String configured) {
        try {
            byte[] decoded = Base64.getDecoder().decode(configured);
            if (decoded.length == 32) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // a passphrase: derived below
        }
        return sha256().digest(configured.getBytes(StandardCharsets.UTF_8));
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh package key. */
    public byte[] newKey() {
        byte[] key = new byte[32];
        Hashing.random().nextBytes(key);
        return key;
    }

    /** The package key encrypted with the master key, bound to the download it belongs to (base64). */
    public String wrap(byte[] packageKey, String downloadId) {
        try {
            byte[] iv = new byte[12];
            Hashing.random().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(downloadId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(packageKey);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a package key", e);
        }
    }

    public byte[] unwrap(String wrapped, String downloadId) {
        try {
            byte[] all = Base64.getDecoder().decode(wrapped);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, all, 0, 12));
            cipher.updateAAD(downloadId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, 12, all.length - 12);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot unwrap the key of download " + downloadId, e);
        }
    }

    /** Encrypts everything written to the returned stream into {@code sink}; close it to finish the file. */
    public OutputStream encrypting(OutputStream sink, byte[] key) throws IOException {
        return new EncryptingStream(sink, key);
    }

    /** Decrypts a package file while it is read. */
    public InputStream decrypting(InputStream source, byte[] key) throws IOException {
        return new DecryptingStream(source, key);
    }

    private static Cipher segmentCipher(int mode, byte[] key, byte[] prefix, int segment, boolean last) {
        try {
            byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(segment).array();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class EncryptingStream extends OutputStream {
        private final DataOutputStream out;
        private final byte[] key;
        private final byte[] prefix = new byte[PREFIX];
        private final byte[] buffer = new byte[SEGMENT];
        private int filled;
        private int segment;
        private boolean closed;

        EncryptingStream(OutputStream sink, byte[] key) throws IOException {
            this.out = new DataOutputStream(sink);
            this.key = key.clone();
            Hashing.random().nextBytes(prefix);
            out.write(MAGIC);
            out.write(prefix);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == SEGMENT) {
                    seal(false);
                }
                int n = Math.min(len, SEGMENT - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                byte[] sealed = segmentCipher(Cipher.ENCRYPT_MODE, key, prefix, segment++, last)
                        .doFinal(buffer, 0, filled);
                out.writeInt(sealed.length);
                out.writeByte(last ? 1 : 0);
                out.write(sealed);
                filled = 0;
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encrypt a package segment", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            seal(true);
            Arrays.fill(key, (byte) 0);
            out.close();
        }
    }

    private static final class DecryptingStream extends InputStream {
        private final DataInputStream in;
        private final byte[] key;
        private final byte[] prefix = new byte[PREFIX];
        private byte[] plain = new byte[0];
        private int position;
        private int segment;
        private boolean finished;

        DecryptingStream(InputStream source, byte[] key) throws IOException {
            this.in = new DataInputStream(source);
            this.key = key.clone();
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a Rightsflow package file");
            }
            in.readFully(prefix);
        }

        private boolean fill() throws IOException {
            while (position == plain.length) {
                if (finished) {
                    return false;
                }
                int length;
                boolean last;
                try {
                    length = in.readInt();
                    last = in.readByte() == 1;
                } catch (EOFException e) {
                    throw new IOException("the package file is truncated");
                }
                if (length < 16 || length > SEGMENT + 16) {
                    throw new IOException("the package file is corrupt");
                }
                byte[] sealed = new byte[length];
                in.readFully(sealed);
                try {
                    plain = segmentCipher(Cipher.DECRYPT_MODE, key, prefix, segment++, last).doFinal(sealed);
                } catch (GeneralSecurityException e) {
                    throw new IOException("the package file failed its integrity check", e);
                }
                position = 0;
                finished = last;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? plain[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            Arrays.fill(key, (byte) 0);
            in.close();
        }
    }
}
