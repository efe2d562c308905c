package io.wharf.daemon.internal.image;

import io.wharf.api.errors.UnavailableException;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.storage.StorageDriver;
import io.wharf.daemon.internal.system.StorageChoice;
import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data root's one storage driver. The driver that first stores anything is recorded in
 * {@link StorageChoice#RECORD} and used from then on, whatever is registered beside it: layers made by
 * one driver are never handed to another. A start with another {@code --storage-driver} is refused (the launcher
 * refuses it before the framework starts; this refuses it again for engines started otherwise). When the recorded
 * driver's bundle is absent, requests that need it get a 503, as dockerd answers for a driver it cannot load.
 */
final class RecordedStorage implements StorageAccess {
    private final Path file;
    private final DriverRegistry drivers;
    private final String configured;
    /** guarded by this */
    private String recorded;

    RecordedStorage(Path imageRoot, DriverRegistry drivers, String configured) {
        this.file = imageRoot.getParent().resolve(StorageChoice.RECORD);
        this.drivers = drivers;
        this.configured = configured == null || configured.isBlank() ? null : configured;
        this.recorded = StorageChoice.recorded(imageRoot.getParent());
        if (this.configured != null && recorded != null && !recorded.equals(this.configured)) {
            throw new IllegalStateException(mismatch(imageRoot.getParent(), recorded, this.configured));
        }
    }

    /** The refusal's message, one wording for the launcher and the engine. */
    static String mismatch(Path dataRoot, String recorded, String configured) {
        return "data root " + dataRoot + " holds the layers of storage driver \"" + recorded
                + "\"; refusing to start with storage driver \"" + configured + "\" (use --storage-driver "
                + recorded + ", or another --data-root)";
    }

    @Override
    public StorageDriver driver() {
        String n = name();
        if (n == null) {
            throw new UnavailableException("no storage driver is registered");
        }
        StorageDriver d = drivers.find(StorageDriver.class, DriverKind.STORAGE, n)
                .orElseThrow(() -> new UnavailableException("storage driver \"" + n + "\" is not available"));
        record(n);
        return d;
    }

    @Override
    public synchronized String name() {
        if (recorded != null) {
            return recorded;
        }
        return StorageChoice.choose(configured, drivers.names(DriverKind.STORAGE));
    }

    private synchronized void record(String name) {
        if (recorded != null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, name + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the storage driver in " + file, e);
        }
        recorded = name;
    }
}
