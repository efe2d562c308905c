package io.wharf.itests.volumes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.wharf.itests.InFrameworkEngine;
import io.wharf.itests.UnixHttp;
import java.nio.file.Files;
import java.util.Hashtable;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The local volume driver bundle stopped and started under a running engine: its volumes stay listed and
 * inspectable from the engine's records meanwhile, calls that need the driver fail naming it, and everything
 * works again once it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VolumeDriverHotSwapIT extends InFrameworkEngine {
    @Override
    protected void configure(Hashtable<String, Object> props) {
        props.put("volume.plugin.dirs", new String[] {root().resolve("plugins").toString()});
        // requests needing the driver while its bundle is stopped wait this long, then get 503
        props.put("driver.wait.timeout", 1);
    }

    @Test
    public void volumesOutliveTheirDriverBundleBeingStoppedAndStarted() throws Exception {
        Bundle local = installed("io.wharf.volume.local");
        waitFor("the volume service creates with the local driver", () -> status("POST", "/volumes/create",
                "{\"Name\":\"hot\",\"Labels\":{\"keep\":\"yes\"}}") == 201);

        local.stop();
        UnixHttp.Response refused = UnixHttp.request(socket(), "POST", "/volumes/create", "{\"Name\":\"cold\"}");
        assertEquals(refused.body(), 503, refused.status());
        assertTrue(refused.body(), refused.body().contains("volume driver \\\"local\\\" is not available"));

        UnixHttp.Response list = UnixHttp.get(socket(), "/volumes");
        assertEquals(200, list.status());
        assertTrue(list.body(), list.body().contains("\"Name\":\"hot\""));
        UnixHttp.Response inspect = UnixHttp.get(socket(), "/volumes/hot");
        assertEquals(inspect.body(), 200, inspect.status());
        assertTrue(inspect.body(), inspect.body().contains("\"Driver\":\"local\""));
        assertTrue(inspect.body(), inspect.body().contains("\"keep\":\"yes\""));
        assertTrue(inspect.body(), inspect.body().contains(root().resolve("data/volumes/hot/_data").toString()));
        assertEquals(503, status("DELETE", "/volumes/hot", null));
        assertTrue(Files.isDirectory(root().resolve("data/volumes/hot/_data")));

        local.start();
        waitFor("the local driver is back", () -> status("POST", "/volumes/create", "{\"Name\":\"warm\"}") == 201);
        assertEquals(204, status("DELETE", "/volumes/hot", null));
        assertEquals(204, status("DELETE", "/volumes/warm", null));
        assertEquals(404, status("GET", "/volumes/hot", null));
    }
}
