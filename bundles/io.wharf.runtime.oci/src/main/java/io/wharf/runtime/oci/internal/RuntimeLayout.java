package io.wharf.runtime.oci.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where one runtime keeps its files. Under the exec root: {@code runtime/<name>/<id>/} is a container's OCI bundle
 * and monitor files, {@code runtime/<name>/.state} the runtime's own {@code --root}, {@code .exits} conmon's exit
 * files and {@code .sockets} the attach socket links. Under the data root: {@code runtime/<name>/<id>/} is conmon's
 * persist directory (exit and oom files), so that an exit code outlives a reboot.
 */
record RuntimeLayout(Path execDir, Path dataDir) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    static RuntimeLayout of(Path execRoot, Path dataRoot, String runtimeName) {
        return new RuntimeLayout(execRoot.resolve("runtime").resolve(runtimeName),
                dataRoot.resolve("runtime").resolve(runtimeName));
    }

    /** Creates the shared directories; done on the first create, so that merely registering touches nothing. */
    void createDirectories() {
        try {
            Files.createDirectories(stateDir());
            Files.createDirectories(exitDir());
            Files.createDirectories(socketDir());
            Files.createDirectories(dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** IDs become path names and runtime arguments: refuse anything else early. */
    static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    Path stateDir() {
        return execDir.resolve(".state");
    }

    Path exitDir() {
        return execDir.resolve(".exits");
    }

    Path socketDir() {
        return execDir.resolve(".sockets");
    }

    Path bundle(String id) {
        return execDir.resolve(id);
    }

    Path config(String id) {
        return bundle(id).resolve("config.json");
    }

    Path conmonPidFile(String id) {
        return bundle(id).resolve("conmon.pid");
    }

    Path containerPidFile(String id) {
        return bundle(id).resolve("container.pid");
    }

    Path conmonOutput(String id) {
        return bundle(id).resolve("conmon.out");
    }

    /** The runtime's own log ({@code --log}, JSON lines): where "executable file not found" is found. */
    Path runtimeLog(String id) {
        return bundle(id).resolve("runtime.log");
    }

    Path startedFile(String id) {
        return bundle(id).resolve("started");
    }

    /** What IoConfig asked for, kept for attach after a restart. */
    Path ioFile(String id) {
        return bundle(id).resolve("io.json");
    }

    Path controlFifo(String id) {
        return bundle(id).resolve("ctl");
    }

    Path attachSocket(String id) {
        return bundle(id).resolve("attach");
    }

    Path exitFile(String id) {
        return exitDir().resolve(id);
    }

    Path persistDir(String id) {
        return dataDir.resolve(id);
    }

    Path oomFile(String id) {
        return persistDir(id).resolve("oom");
    }

    Path persistedExitFile(String id) {
        return persistDir(id).resolve("exit");
    }
}
