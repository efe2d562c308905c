package io.wharf.runtime.oci.internal;

import java.nio.file.Path;

class CrunRuntimeTest extends OciRuntimeContract {
    @Override
    protected String runtimeName() {
        return "crun";
    }

    @Override
    Path runtimeBinary() {
        return Path.of("/usr/bin/crun");
    }
}
