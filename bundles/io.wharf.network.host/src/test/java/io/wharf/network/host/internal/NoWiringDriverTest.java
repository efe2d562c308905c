package io.wharf.network.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.network.NetworkDriver;
import io.wharf.api.network.NetworkDriver.EndpointInfo;
import io.wharf.api.network.NetworkDriver.JoinInfo;
import io.wharf.api.network.NetworkDriver.PortBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoWiringDriverTest {
    private static final List<PortBinding> PORTS = List.of(new PortBinding("tcp", 80, "127.0.0.1", 8080, 8080));

    @Test
    void hostAndNoneGiveNoAddressNoInterfaceAndNoPorts() {
        for (NetworkDriver driver : List.of(new HostDriver(), new NoneDriver())) {
            String name = driver.getClass().getSimpleName();
            assertEquals(new EndpointInfo(null, null, null), driver.createEndpoint("n", "e", null, Map.of()), name);
            assertEquals(new JoinInfo(null, null, null, List.of(), Map.of(), true),
                    driver.join("n", "e", "/run/netns/x", Map.of()), name);
            assertEquals(List.of(), driver.programExternalConnectivity("n", "e", PORTS), name);
            assertEquals("local", driver.scope(), name);
        }
    }
}
