package io.wharf.daemon.internal.container;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.container.EndpointSettings;
import io.wharf.daemon.internal.network.Joined;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The networks of one container, in {@code <container dir>/networks.json}: by network name, what was asked
 * ({@code --network-alias}, {@code --ip}) and, while it runs, what the join gave. Kept beside the container's
 * record so that a restarted daemon finds its endpoints again.
 */
final class NetworkAttachments {
    private static final String FILE = "networks.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One network: its ID, the settings asked for (may be null), and the join (null while not running). */
    record Attachment(String networkId, EndpointSettings requested, Joined joined) {
        Attachment withJoined(Joined j) {
            return new Attachment(networkId, requested, j);
        }
    }

    /** The file's shape: an ordered map, the first network publishes the ports and gives the default route. */
    record Content(LinkedHashMap<String, Attachment> networks) {
    }

    private NetworkAttachments() {
    }

    static LinkedHashMap<String, Attachment> read(Container c) {
        Path f = c.dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return new LinkedHashMap<>();
        }
        try {
            Content content = MAPPER.readValue(f.toFile(), Content.class);
            return content.networks() == null ? new LinkedHashMap<>() : content.networks();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    static void write(Container c, Map<String, Attachment> networks) {
        Path f = c.dir.resolve(FILE);
        if (!Files.isDirectory(c.dir)) {
            return; // removed already
        }
        try {
            // a container's networks live no longer than the container: renamed, not flushed (as its record)
            io.wharf.linux.files.AtomicFiles.replace(f,
                    MAPPER.writeValueAsBytes(new Content(new LinkedHashMap<>(networks))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
