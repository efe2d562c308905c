package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.runtime.RuntimeStartException;
import org.junit.jupiter.api.Test;

class StartErrorsTest {
    @Test
    void runcsMissingCommandKeepsItsWording() {
        RuntimeStartException e = StartErrors.translate("create", "runc create failed: unable to start container"
                + " process: exec: \"nosuch\": executable file not found in $PATH");
        assertEquals(127, e.exitCode());
        assertEquals("OCI runtime create failed: runc create failed: unable to start container process: exec:"
                + " \"nosuch\": executable file not found in $PATH: unknown", e.getMessage());
    }

    @Test
    void crunsMissingCommandIsWordedAsRuncWordsIt() {
        RuntimeStartException e = StartErrors.translate("create",
                "executable file `nosuch` not found in $PATH: No such file or directory");
        assertEquals(127, e.exitCode());
        assertEquals("OCI runtime create failed: exec: \"nosuch\": executable file not found in $PATH: unknown",
                e.getMessage());
    }

    @Test
    void permissionDeniedIs126AndOtherFailures128() {
        assertEquals(126, StartErrors.translate("create", "exec: \"/x\": permission denied").exitCode());
        assertEquals("OCI runtime create failed: open executable: permission denied: unknown",
                StartErrors.translate("create", "open executable: Permission denied").getMessage());
        assertEquals(128, StartErrors.translate("start", "something else").exitCode());
    }
}
