package io.wharf.linux.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void libcryptoIsUsedOnThisHost() {
        assertTrue(Sha256.isNative(), "the host set-up installs libssl3, whose libcrypto computes the digests");
    }

    @Test
    void knownAnswers() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(Sha256.newDigest().digest()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(Sha256.newDigest().digest("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void sameBytesAsTheJdkForEveryWayOfFeedingIt() {
        Random random = new Random(42);
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        MessageDigest jdk = Sha256.jdk();
        MessageDigest ours = Sha256.newDigest();
        int pos = 0;
        while (pos < data.length) {
            int kind = random.nextInt(3);
            if (kind == 0) {
                jdk.update(data[pos]);
                ours.update(data[pos]);
                pos++;
            } else {
                int len = Math.min(data.length - pos, random.nextInt(kind == 1 ? 100 : 150_000));
                jdk.update(data, pos, len);
                ours.update(data, pos, len);
                pos += len;
            }
        }
        assertArrayEquals(jdk.digest(), ours.digest());
        assertArrayEquals(Sha256.jdk().digest(data), ours.digest(data), "a digest resets the state");
    }

    @Test
    void aCloneCarriesOnIndependently() throws Exception {
        MessageDigest md = Sha256.newDigest();
        md.update("hello ".getBytes(StandardCharsets.US_ASCII));
        MessageDigest copy = (MessageDigest) md.clone();
        md.update("world".getBytes(StandardCharsets.US_ASCII));
        copy.update("there".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(Sha256.jdk().digest("hello world".getBytes(StandardCharsets.US_ASCII)), md.digest());
        assertArrayEquals(Sha256.jdk().digest("hello there".getBytes(StandardCharsets.US_ASCII)), copy.digest());
    }
}
