package io.wharf.rest.internal.router.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.plugin.PluginDetails;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plugin as Docker's {@code Plugin} definition shapes it, with every field the definition requires. */
class PluginsJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final PluginDetails JSONFILE = new PluginDetails("ab12", "io.wharf.log.jsonfile", "1.2.0", true,
            List.of("docker.logdriver/1.0"), "Wharf json-file log driver", "127.0.0.1:5000/wharf/jsonfile:1.2.0",
            "", true);

    @Test
    void nameIsSymbolicNameTaggedWithVersion() {
        JsonNode p = JSON.valueToTree(PluginsJson.plugin(JSONFILE));
        assertEquals("ab12", p.get("Id").asText());
        assertEquals("io.wharf.log.jsonfile:1.2.0", p.get("Name").asText());
        assertTrue(p.get("Enabled").asBoolean());
        assertEquals("127.0.0.1:5000/wharf/jsonfile:1.2.0", p.get("PluginReference").asText());
    }

    @Test
    void interfaceTypesAndDescriptionAreInConfig() {
        JsonNode c = JSON.valueToTree(PluginsJson.plugin(JSONFILE)).get("Config");
        assertEquals("docker.logdriver/1.0", c.get("Interface").get("Types").get(0).asText());
        assertEquals("", c.get("Interface").get("Socket").asText());
        assertEquals("Wharf json-file log driver", c.get("Description").asText());
    }

    @Test
    void everyRequiredFieldIsPresent() {
        JsonNode p = JSON.valueToTree(PluginsJson.plugin(JSONFILE));
        for (String f : List.of("Settings", "Enabled", "Config", "Name")) {
            assertTrue(p.has(f), f);
        }
        for (String f : List.of("Args", "Devices", "Env", "Mounts")) {
            assertTrue(p.get("Settings").get(f).isArray(), f);
        }
        JsonNode c = p.get("Config");
        for (String f : List.of("Description", "Documentation", "Interface", "Entrypoint", "WorkDir", "Network",
                "Linux", "PidHost", "PropagatedMount", "IpcHost", "Mounts", "Env", "Args")) {
            assertTrue(c.has(f), f);
        }
        assertEquals("host", c.get("Network").get("Type").asText());
        assertFalse(c.get("Linux").get("AllowAllDevices").asBoolean());
        assertTrue(c.get("Args").get("Value").isArray());
    }

    @Test
    void listKeepsOrder() {
        PluginDetails v1 = new PluginDetails("cd34", "testvol", "latest", true, List.of("docker.volumedriver/1.0"),
                "Docker v1 volume plugin", "testvol", "", false);
        JsonNode l = JSON.valueToTree(PluginsJson.list(List.of(JSONFILE, v1)));
        assertEquals(2, l.size());
        assertEquals("testvol:latest", l.get(1).get("Name").asText());
    }
}
