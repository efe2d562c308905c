package io.wharf.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static String header(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheCliHeader() {
        Credentials c = Credentials.fromRegistryAuthHeader(header(
                "{\"username\":\"user\",\"password\":\"p\\\"w\",\"serveraddress\":\"localhost:5000\",\"email\":\"\"}"));
        assertEquals("user", c.username());
        assertEquals("p\"w", c.password());
        assertEquals("localhost:5000", c.serverAddress());
        assertFalse(c.isAnonymous());
    }

    @Test
    void unpacksTheAuthField() {
        String auth = Base64.getEncoder().encodeToString("joe:se:cret".getBytes(StandardCharsets.UTF_8));
        Credentials c = Credentials.fromRegistryAuthHeader(header("{\"auth\":\"" + auth + "\"}"));
        assertEquals("joe", c.username());
        assertEquals("se:cret", c.password());
    }

    @Test
    void tokensAndUnknownMembers() {
        Credentials c = Credentials.fromRegistryAuthHeader(header(
                "{\"IdentityToken\":\"id\",\"registrytoken\":\"rt\",\"extra\":{\"a\":[1,true,null]},\"n\":-1.5e3}"));
        assertEquals("id", c.identityToken());
        assertEquals("rt", c.registryToken());
        assertFalse(c.isAnonymous());
    }

    @Test
    void paddedAndStandardAlphabetsAreAccepted() {
        String json = "{\"username\":\"u?>\",\"password\":\"x\"}";
        String padded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("u?>", Credentials.fromRegistryAuthHeader(padded).username());
    }

    @Test
    void emptyHeaderIsAnonymous() {
        assertTrue(Credentials.fromRegistryAuthHeader(null).isAnonymous());
        assertTrue(Credentials.fromRegistryAuthHeader("").isAnonymous());
        assertTrue(Credentials.fromRegistryAuthHeader(header("{}")).isAnonymous());
    }

    @Test
    void garbageIsRefused() {
        assertThrows(InvalidArgumentException.class, () -> Credentials.fromRegistryAuthHeader("%%%"));
        assertThrows(InvalidArgumentException.class, () -> Credentials.fromRegistryAuthHeader(header("{\"a\":")));
        assertThrows(InvalidArgumentException.class, () -> Credentials.fromRegistryAuthHeader(header("[1]")));
    }

    @Test
    void headerRoundTripsAndToStringHidesSecrets() {
        Credentials c = new Credentials("u", "secret", "", "e@x", "reg", "tok", "");
        assertEquals(c, Credentials.fromRegistryAuthHeader(c.toRegistryAuthHeader()));
        assertFalse(c.toString().contains("secret"));
        assertFalse(c.toString().contains("tok"));
    }
}
