package io.wharf.itests.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Hostile layer tars for the refusal tests. */
final class BusyboxImageTar {
    private BusyboxImageTar() {
    }

    /** A tar whose only entry is {@code ../../escape}: a file that would land outside the layer. */
    static void writeEscaping(Path dir, Path tar) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "-P", "--transform", "s,^escape,../../escape,", "-C", dir.toString(),
                "-cf", tar.toString(), "escape").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tar failed: " + out);
        }
    }
}
