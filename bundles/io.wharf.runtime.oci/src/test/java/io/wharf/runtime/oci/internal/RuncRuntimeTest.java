package io.wharf.runtime.oci.internal;

import java.nio.file.Path;

class RuncRuntimeTest extends OciRuntimeContract {
    @Override
    String runtimeName() {
        return "runc";
    }

    @Override
    Path runtimeBinary() {
        return Path.of("/usr/sbin/runc");
    }
}
