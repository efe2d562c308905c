package io.wharf.runtime.oci.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells listeners that a file appeared or changed in a directory they watch (inotify underneath). conmon and the
 * runtime announce what they did by writing files (the container's pid file, the exit file); being told at once
 * instead of polling for them takes tens of milliseconds off every start and exit. One watch service and one
 * thread serve all directories of a runtime; a listener is told the directory changed, not what changed, and
 * looks for itself, so that a lost or coalesced event costs nothing but the wake-up.
 */
final class DirectoryEvents implements AutoCloseable {
    /** A registration; closing it stops the calls. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final String threadName;
    private final Map<Path, Watched> watched = new ConcurrentHashMap<>();
    private WatchService service;
    private boolean closed;

    private static final class Watched {
        final WatchKey key;
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        Watched(WatchKey key) {
            this.key = key;
        }
    }

    DirectoryEvents(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Calls {@code listener} (on the watch thread: keep it short) whenever an entry of {@code dir} is created or
     * written. The directory must exist.
     */
    synchronized Subscription watch(Path dir, Runnable listener) throws IOException {
        if (closed) {
            throw new IOException("the directory watch is closed");
        }
        Path key = dir.toAbsolutePath().normalize();
        Watched w = watched.get(key);
        if (w == null) {
            w = new Watched(key.register(service(), StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY));
            watched.put(key, w);
        }
        w.listeners.add(listener);
        Watched registered = w;
        return () -> unwatch(key, registered, listener);
    }

    private synchronized void unwatch(Path dir, Watched w, Runnable listener) {
        w.listeners.remove(listener);
        if (w.listeners.isEmpty() && watched.remove(dir, w)) {
            w.key.cancel();
        }
    }

    private WatchService service() throws IOException {
        if (service == null) {
            service = FileSystems.getDefault().newWatchService();
            WatchService s = service;
            Thread t = new Thread(() -> dispatch(s), threadName);
            t.setDaemon(true);
            t.start();
        }
        return service;
    }

    private void dispatch(WatchService s) {
        try {
            while (true) {
                WatchKey key = s.take();
                List<WatchEvent<?>> events = key.pollEvents();
                Watched w = watched.get((Path) key.watchable());
                if (w != null && w.key == key && !events.isEmpty()) {
                    for (Runnable listener : w.listeners) {
                        try {
                            listener.run();
                        } catch (RuntimeException e) {
                            // one listener's trouble must not silence the others
                        }
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: done
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        watched.clear();
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
