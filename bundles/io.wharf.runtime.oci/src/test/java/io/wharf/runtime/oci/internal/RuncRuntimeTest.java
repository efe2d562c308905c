package io.wharf.runtime.oci.internal;

import java.nio.file.Path;

class RuncRuntimeTest extends OciRuntimeContract {
    @Override
    protected String runtimeName() {
        return "runc";
    }

    @Override
    Path runtimeBinary() {
        return Path.of("/usr/sbin/runc");
    }
}
