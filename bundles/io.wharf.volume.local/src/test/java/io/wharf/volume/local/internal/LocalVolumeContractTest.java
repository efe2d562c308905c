package io.wharf.volume.local.internal;

import io.wharf.api.volume.VolumeDriver;
import io.wharf.testkit.VolumeDriverContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class LocalVolumeContractTest extends VolumeDriverContract {
    @Override
    protected VolumeDriver newDriver(Path stateDir) {
        try {
            return new LocalVolumeDriver(stateDir, new SyscallMounter());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void unmountLeftovers() throws IOException {
        MountCleanup.under(stateDir);
    }
}
