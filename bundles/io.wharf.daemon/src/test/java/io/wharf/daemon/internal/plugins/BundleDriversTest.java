package io.wharf.daemon.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.plugin.DriverKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The drivers a bundle's component descriptors declare, known before the bundle starts. */
class BundleDriversTest {
    @Test
    void aDriverComponentIsFoundWithItsName() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="x.JsonFileDriver">
                  <property name="wharf.log.name" type="String" value="json-file"/>
                  <service>
                    <provide interface="io.wharf.api.log.LogDriver"/>
                  </service>
                  <implementation class="x.JsonFileDriver"/>
                </scr:component>
                """;
        assertEquals(Set.of(new DriverRef(DriverKind.LOG, "json-file")), BundleDrivers.parse(xml));
    }

    @Test
    void aNamePropertyWithoutTheMatchingServiceIsNoDriver() {
        String xml = """
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="x.Helper">
                  <property name="wharf.network.name" value="bridge"/>
                  <service><provide interface="io.wharf.api.network.NameResolver"/></service>
                </scr:component>
                """;
        assertEquals(Set.of(), BundleDrivers.parse(xml));
    }

    @Test
    void eachComponentOfAFileCounts() {
        String xml = """
                <components>
                <scr:component name="a"><property name="wharf.network.name" type="String" value="bridge"/>
                  <service><provide interface="io.wharf.api.network.NetworkDriver"/></service></scr:component>
                <scr:component name="b"><property name="wharf.ipam.name" type="String" value="default"/>
                  <service><provide interface="io.wharf.api.network.IpamDriver"/></service></scr:component>
                </components>
                """;
        assertEquals(Set.of(new DriverRef(DriverKind.NETWORK, "bridge"), new DriverRef(DriverKind.IPAM, "default")),
                BundleDrivers.parse(xml));
    }

    @Test
    void capabilityIsTheTypesMiddle() {
        assertEquals("volumedriver", PluginTypes.capability("docker.volumedriver/1.0"));
        assertEquals("runtime", PluginTypes.capability("wharf.runtime/1"));
    }
}
