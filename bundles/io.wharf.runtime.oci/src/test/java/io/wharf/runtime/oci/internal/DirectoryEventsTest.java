package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryEventsTest {
    @TempDir
    Path dir;

    @Test
    void aFileRenamedIntoPlaceIsSeenAsTheRuntimeWritesItsPidFile() throws Exception {
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        Path other = Files.createDirectory(dir.resolve("other"));
        Semaphore bundleChanged = new Semaphore(0);
        Semaphore otherChanged = new Semaphore(0);
        try (DirectoryEvents events = new DirectoryEvents("test-files");
                DirectoryEvents.Subscription a = events.watch(bundle, bundleChanged::release);
                DirectoryEvents.Subscription b = events.watch(other, otherChanged::release)) {
            Path tmp = Files.writeString(bundle.resolve(".pid.tmp"), "42");
            Files.move(tmp, bundle.resolve("container.pid"), StandardCopyOption.ATOMIC_MOVE);
            assertTrue(bundleChanged.tryAcquire(10, TimeUnit.SECONDS), "no event for the watched directory");
            assertEquals("42", Files.readString(bundle.resolve("container.pid")));

            Files.writeString(other.resolve("exit"), "0");
            assertTrue(otherChanged.tryAcquire(10, TimeUnit.SECONDS), "no event for the second directory");
        }
    }

    @Test
    void twoListenersOfOneDirectoryAreBothTold() throws Exception {
        Semaphore first = new Semaphore(0);
        Semaphore second = new Semaphore(0);
        try (DirectoryEvents events = new DirectoryEvents("test-files");
                DirectoryEvents.Subscription a = events.watch(dir, first::release)) {
            DirectoryEvents.Subscription b = events.watch(dir, second::release);
            Files.writeString(dir.resolve("one"), "1");
            assertTrue(first.tryAcquire(10, TimeUnit.SECONDS));
            assertTrue(second.tryAcquire(10, TimeUnit.SECONDS));
            b.close();
            // the directory stays watched for the listener that remains
            first.drainPermits();
            Files.writeString(dir.resolve("two"), "2");
            assertTrue(first.tryAcquire(10, TimeUnit.SECONDS));
        }
    }
}
