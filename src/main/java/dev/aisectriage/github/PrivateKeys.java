package dev.aisectriage.github;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Reads the App's private key as GitHub hands it out (PKCS#1, {@code BEGIN RSA PRIVATE KEY}) or as PKCS#8
 * ({@code BEGIN PRIVATE KEY}). A value with literal {@code \n} (as it is often pasted into an environment
 * variable, Probot style) is accepted too.
 */
public final class PrivateKeys {

    private static final String PKCS1 = "RSA PRIVATE KEY";
    private static final String PKCS8 = "PRIVATE KEY";
    /** AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PrivateKeys() {}

    public static PrivateKey parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the private key is empty");
        }
        String text = pem.replace("\\n", "\n").trim();
        byte[] der;
        if (text.contains("-----BEGIN " + PKCS1 + "-----")) {
            der = wrapPkcs1(body(text, PKCS1));
        } else if (text.contains("-----BEGIN " + PKCS8 + "-----")) {
            der = body(text, PKCS8);
        } else {
            throw new IllegalArgumentException(
                    "the private key is not a PEM RSA key (expected 'BEGIN RSA PRIVATE KEY' or 'BEGIN PRIVATE KEY')");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key cannot be read: " + e.getMessage(), e);
        }
    }

    /** The public half of an RSA private key (GitHub's keys are CRT keys and carry the public exponent). */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("not an RSA CRT private key");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static byte[] body(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin) + begin.length();
        int to = text.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("the private key has no '" + end + "' line");
        }
        return Base64.getMimeDecoder().decode(text.substring(from, to).replaceAll("\\s", ""));
    }

    /** PKCS#8 PrivateKeyInfo = SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM_ID);
        content.write(0x04);
        content.writeBytes(derLength(pkcs1.length));
        content.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(derLength(content.size()));
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = bytes; i > 0; i--) {
            out[i] = (byte) (length & 0xff);
            length >>>= 8;
        }
        return out;
    }
}
