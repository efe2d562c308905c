package io.wharf.network.host.internal;

import io.wharf.api.network.NetworkDriver;
import io.wharf.api.network.NetworkDriver.NetworkSpec;
import io.wharf.testkit.network.NetworkDriverContract;
import java.util.List;
import java.util.Map;

/** The host driver under the network driver contract: it wires nothing, and must cope with every call. */
class HostDriverContractTest extends NetworkDriverContract {
    @Override
    protected NetworkDriver newDriver() {
        return new HostDriver();
    }

    @Override
    protected NetworkSpec network(int n) {
        return new NetworkSpec("host" + n + tag, "host", Map.of(), false, false, List.of(), List.of(), Map.of());
    }

    @Override
    protected String address(int n, int host) {
        return null;
    }

    @Override
    protected boolean wiresInterfaces() {
        return false;
    }
}
