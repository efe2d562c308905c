package io.wharf.launcher;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import sun.misc.Signal;

/**
 * SIGHUP reloads the configuration, as it does dockerd's; without this handler the JVM would treat it as a
 * request to stop. Reloads run one at a time on their own thread, so a burst of signals never overlaps.
 */
final class ReloadSignal {
    private ReloadSignal() {
    }

    static void install(Runnable reload, Log log) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reload");
            t.setDaemon(true);
            return t;
        });
        Signal.handle(new Signal("HUP"), signal -> {
            log.info("SIGHUP received: reloading the configuration");
            thread.execute(reload);
        });
    }
}
