package io.wharf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Boots Felix with the real bundles of the framework, engine and drivers features, configures the engine on a
 * private socket and data root, and checks wiring and hot swap of driver bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineIT extends InFrameworkEngine {
    @Test
    public void everyEngineComponentIsActive() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        waitFor("every io.wharf component is satisfied", () -> problems(scr).isEmpty());
        assertEquals(List.of(), problems(scr));
        List<String> names = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            names.add(d.name);
        }
        assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("io.wharf.daemon.")));
        assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("io.wharf.rest.")));
        assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("io.wharf.builder.")));
    }

    private static List<String> problems(ServiceComponentRuntime scr) {
        List<String> out = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith("io.wharf.") || d.factory != null) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                        || c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    out.add(d.name + " state " + c.state + (c.failure == null ? "" : ": " + c.failure));
                }
            }
        }
        return out;
    }

    @Test
    public void serverSideAnswersOverTheSocket() throws Exception {
        UnixHttp.Response ping = UnixHttp.get(socket(), "/_ping");
        assertEquals("OK", ping.body());
        assertNotNull(ping.headers().get("api-version"));
        UnixHttp.Response version = UnixHttp.get(socket(), "/v1.47/version");
        assertEquals(200, version.status());
        assertTrue(version.body(), version.body().contains("\"ApiVersion\":\"1.47\""));
        UnixHttp.Response info = UnixHttp.get(socket(), "/info");
        assertEquals(200, info.status());
        assertTrue(info.body(), info.body().contains("\"DockerRootDir\":\"" + root().resolve("data") + "\""));
    }

    @Test
    public void logDriverBundleStoppedUpdatedAndReinstalledFollowsInInfo() throws Exception {
        Bundle driver = installed("io.wharf.log.jsonfile");
        waitFor("json-file listed", () -> logPlugins().contains("\"json-file\""));

        driver.stop();
        waitFor("json-file gone after stop", () -> !logPlugins().contains("\"json-file\""));
        assertEquals(200, status("GET", "/_ping", null));

        driver.start();
        waitFor("json-file back after start", () -> logPlugins().contains("\"json-file\""));

        driver.update();
        waitFor("json-file listed after update", () -> logPlugins().contains("\"json-file\""));
        assertEquals(200, status("GET", "/_ping", null));

        String location = driver.getLocation();
        driver.uninstall();
        waitFor("json-file gone after uninstall", () -> !logPlugins().contains("\"json-file\""));
        assertEquals(200, status("GET", "/_ping", null));

        Bundle again = context.installBundle(location);
        again.start();
        waitFor("json-file back after reinstall", () -> logPlugins().contains("\"json-file\""));
    }

    private String logPlugins() {
        try {
            String body = UnixHttp.get(socket(), "/info").body();
            int at = body.indexOf("\"Log\":");
            assertFalse(body, at < 0);
            return body.substring(at, body.indexOf(']', at) + 1);
        } catch (IOException e) {
            return "";
        }
    }





}
