package io.wharf.rest.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PemKeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void readsPkcs8Pkcs1AndSec1Keys() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pkcs8.pem");
        openssl("genrsa", "-traditional", "-out", "pkcs1.pem", "2048");
        openssl("ecparam", "-name", "secp384r1", "-genkey", "-out", "sec1.pem");   // with an EC PARAMETERS block
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec8.pem");
        assertEquals("RSA", key("pkcs8.pem").getAlgorithm());
        assertEquals("RSA", key("pkcs1.pem").getAlgorithm());
        assertEquals("EC", key("sec1.pem").getAlgorithm());
        assertEquals("EC", key("ec8.pem").getAlgorithm());
    }

    @Test
    void encryptedKeysAreRefusedClearly() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes256", "-pass",
                "pass:secret", "-out", "enc.pem");
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> key("enc.pem"));
        assertEquals(true, e.getMessage().contains("encrypted"), e.getMessage());
    }

    private PrivateKey key(String name) throws Exception {
        return PemKeyStore.privateKey(dir.resolve(name));
    }

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(true, p.waitFor(30, TimeUnit.SECONDS), "openssl timed out");
        assertEquals(0, p.exitValue(), out);
    }
}
