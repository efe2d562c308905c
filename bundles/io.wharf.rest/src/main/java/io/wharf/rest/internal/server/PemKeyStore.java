package io.wharf.rest.internal.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds in-memory key stores from the PEM files dockerd takes ({@code --tlscert}, {@code --tlskey},
 * {@code --tlscacert}). Private keys may be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or
 * SEC1 ({@code EC PRIVATE KEY}); the last two are rewrapped as PKCS#8, which is all the JDK reads.
 */
final class PemKeyStore {
    static final char[] PASSWORD = "wharf".toCharArray();
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)\\s*-----END \\1-----", Pattern.DOTALL);
    // DER encodings of the OIDs rsaEncryption (1.2.840.113549.1.1.1) and id-ecPublicKey (1.2.840.10045.2.1)
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemKeyStore() {
    }

    /** A key store holding the key and its certificate chain under the alias {@code server}. */
    static KeyStore identity(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(certFile);
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certFile);
        }
        PrivateKey key = privateKey(keyFile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, PASSWORD, chain.toArray(Certificate[]::new));
        return ks;
    }

    /** A trust store holding every certificate of {@code caFile}. */
    static KeyStore trust(Path caFile) throws IOException, GeneralSecurityException {
        List<Certificate> cas = certificates(caFile);
        if (cas.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + caFile);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            ks.setCertificateEntry("ca" + i, cas.get(i));
        }
        return ks;
    }

    static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<Certificate> out = new ArrayList<>();
        for (Block b : blocks(Files.readString(file, StandardCharsets.US_ASCII))) {
            if (b.type().equals("CERTIFICATE")) {
                Collection<? extends Certificate> c = cf.generateCertificates(new ByteArrayInputStream(b.der()));
                out.addAll(c);
            }
        }
        return out;
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block b : blocks(Files.readString(file, StandardCharsets.US_ASCII))) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der(), "RSA", "EC", "Ed25519", "Ed448");
                case "RSA PRIVATE KEY":
                    return pkcs8(wrap(RSA_ALGORITHM, b.der()), "RSA");
                case "EC PRIVATE KEY":
                    return pkcs8(wrapEc(b.der()), "EC");
                case "ENCRYPTED PRIVATE KEY":
                    throw new GeneralSecurityException("encrypted private keys are not supported: " + file);
                default:
                    // parameters, certificates: skip
            }
        }
        throw new GeneralSecurityException("no private key in " + file);
    }

    private static PrivateKey pkcs8(byte[] der, String... algorithms) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : algorithms) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unreadable private key", last);
    }

    /** SEC1 keeps the curve in its [0] field; PKCS#8 wants it beside the algorithm OID. */
    private static byte[] wrapEc(byte[] sec1) throws GeneralSecurityException {
        byte[] curve = findCurve(sec1);
        ByteArrayOutputStream alg = new ByteArrayOutputStream();
        alg.writeBytes(EC_OID);
        alg.writeBytes(curve);
        return wrap(tlv(0x30, alg.toByteArray()), sec1);
    }

    private static byte[] wrap(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(tlv(0x04, key));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] findCurve(byte[] der) throws GeneralSecurityException {
        int[] outer = header(der, 0);             // SEQUENCE
        int pos = outer[0];
        int end = pos + outer[1];
        while (pos < end) {
            int tag = der[pos] & 0xff;
            int[] h = header(der, pos);
            if (tag == 0xa0) {
                int[] oid = header(der, h[0]);
                return java.util.Arrays.copyOfRange(der, h[0], oid[0] + oid[1]);
            }
            pos = h[0] + h[1];
        }
        throw new GeneralSecurityException("EC private key names no curve");
    }

    /** For the element at {@code pos}: where its content starts and how long it is. */
    private static int[] header(byte[] der, int pos) throws GeneralSecurityException {
        if (pos + 2 > der.length) {
            throw new GeneralSecurityException("truncated DER");
        }
        int len = der[pos + 1] & 0xff;
        int start = pos + 2;
        if (len > 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += n;
        }
        if (start + len > der.length) {
            throw new GeneralSecurityException("truncated DER");
        }
        return new int[] {start, len};
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static List<Block> blocks(String pem) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains("Proc-Type:")) {
                out.add(new Block("ENCRYPTED PRIVATE KEY", new byte[0]));   // legacy OpenSSL encryption
                continue;
            }
            out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
        }
        return out;
    }

    private record Block(String type, byte[] der) {
    }
}
