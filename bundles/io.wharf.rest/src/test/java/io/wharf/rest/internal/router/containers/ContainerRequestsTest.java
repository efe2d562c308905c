package io.wharf.rest.internal.router.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.container.ContainerCreateRequest;
import io.wharf.api.errors.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Create bodies read by dockerd's rules: wrong JSON types refused naming the field, dockerd's lenient forms kept. */
class ContainerRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ContainerCreateRequest create(String body) throws Exception {
        JsonNode json = JSON.readTree(body);
        return ContainerRequests.create(json);
    }

    private static String refused(String body) {
        return assertThrows(InvalidArgumentException.class, () -> create(body)).getMessage();
    }

    @Test
    void cmdAsNumberIsRefusedNamingTheField() {
        String m = refused("{\"Image\":\"busybox\",\"Cmd\":5}");
        assertTrue(m.contains("cannot unmarshal number") && m.contains("ContainerConfig.Cmd"), m);
    }

    @Test
    void envWithANumberIsRefusedNamingTheField() {
        String m = refused("{\"Image\":\"busybox\",\"Env\":[5]}");
        assertTrue(m.contains("cannot unmarshal number") && m.contains("Env"), m);
    }

    @Test
    void imageAsNumberIsRefusedNamingTheField() {
        String m = refused("{\"Image\":5}");
        assertTrue(m.contains("cannot unmarshal number") && m.contains("Image"), m);
    }

    @Test
    void hostPortThatIsNoPortIsRefused() {
        String m = refused("{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":"
                + "{\"80/tcp\":[{\"HostPort\":\"notaport\"}]}}}");
        assertTrue(m.contains("notaport"), m);
    }

    @Test
    void cmdAsStringOrArrayIsAccepted() throws Exception {
        assertEquals(List.of("echo hi"), create("{\"Image\":\"busybox\",\"Cmd\":\"echo hi\"}").config().cmd());
        assertEquals(List.of("echo", "hi"),
                create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"]}").config().cmd());
        assertEquals(List.of("/bin/sh"),
                create("{\"Image\":\"busybox\",\"Entrypoint\":\"/bin/sh\"}").config().entrypoint());
    }

    @Test
    void nullsUnknownFieldsAndCaseOfNamesAreAsDockerdHasThem() throws Exception {
        ContainerCreateRequest r = create("{\"image\":\"busybox\",\"CMD\":[\"true\"],\"Env\":null,"
                + "\"NoSuchField\":{\"x\":[1,2]},\"HostConfig\":null}");
        assertEquals("busybox", r.config().image());
        assertEquals(List.of("true"), r.config().cmd());
        assertNull(r.config().env());
    }

    @Test
    void aBodyThatIsNoObjectIsRefused() {
        String m = refused("[1]");
        assertTrue(m.contains("cannot unmarshal array"), m);
    }
}
