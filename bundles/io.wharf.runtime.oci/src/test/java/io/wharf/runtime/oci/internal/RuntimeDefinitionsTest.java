package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.errors.InvalidArgumentException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeDefinitionsTest {
    @Test
    void builtInsComeFirstAndConfiguredOnesFollow() {
        List<RuntimeDefinitions.Definition> defs = RuntimeDefinitions.parse(
                "{\"custom\":{\"path\":\"/opt/bin/custom\",\"runtimeArgs\":[\"--debug\"]},"
                        + "\"runc\":{\"path\":\"/usr/local/bin/runc\"}}");
        assertEquals(List.of(
                new RuntimeDefinitions.Definition("runc", Path.of("/usr/local/bin/runc"), List.of()),
                new RuntimeDefinitions.Definition("crun", Path.of("/usr/bin/crun"), List.of()),
                new RuntimeDefinitions.Definition("custom", Path.of("/opt/bin/custom"), List.of("--debug"))), defs);
    }

    @Test
    void emptyConfigurationGivesTheBuiltIns() {
        assertEquals(List.of("runc", "crun"),
                RuntimeDefinitions.parse("").stream().map(RuntimeDefinitions.Definition::name).toList());
    }

    @Test
    void garbageIsRefused() {
        assertThrows(InvalidArgumentException.class, () -> RuntimeDefinitions.parse("[1]"));
        assertThrows(InvalidArgumentException.class, () -> RuntimeDefinitions.parse("{\"../x\":{}}"));
    }
}
