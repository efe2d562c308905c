package io.wharf.network.bridge.internal;

import static io.wharf.network.bridge.internal.HostNet.links;
import static io.wharf.network.bridge.internal.HostNet.sh;

import io.wharf.api.network.NetworkDriver;
import io.wharf.api.network.NetworkDriver.IpamData;
import io.wharf.api.network.NetworkDriver.NetworkSpec;
import io.wharf.testkit.network.NetworkDriverContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge driver under the network driver contract, on bridges and iptables chains named for the test run
 * (removed after each case, whatever it left).
 */
class BridgeDriverContractTest extends NetworkDriverContract {
    @TempDir
    Path dataRoot;

    private int second;

    @BeforeEach
    void subnet() {
        second = ThreadLocalRandom.current().nextInt(100, 250);
    }

    private String chains() {
        return "WC" + tag;
    }

    @Override
    protected NetworkDriver newDriver() {
        return new BridgeDriver(dataRoot.resolve("network/bridge"), chains(), "wc" + tag + "d", List::of, 53);
    }

    @Override
    protected void closeDriver(NetworkDriver driver) {
        ((BridgeDriver) driver).close();
    }

    @Override
    protected NetworkSpec network(int n) {
        Map<String, String> options = Map.of(BridgeDriver.OPT_BRIDGE_NAME, "wc" + tag + n);
        return new NetworkSpec(n + "000000000000000" + tag, "contract-" + n, options, false, false,
                List.of(new IpamData("10." + second + "." + n + ".0/24", "10." + second + "." + n + ".1/24",
                        Map.of())), List.of(), Map.of());
    }

    @Override
    protected String address(int n, int host) {
        return "10." + second + "." + n + "." + host + "/24";
    }

    @Override
    protected boolean wiresInterfaces() {
        return true;
    }

    @Override
    protected void cleanUp() {
        for (String line : links().split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1 && f[1].contains(tag)) {
                sh("ip", "link", "del", f[1].split("@")[0]);
            }
        }
        HostNet.removeChains(chains());
        HostNet.removeChains6(chains());
    }
}
