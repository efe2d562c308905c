package io.wharf.rest.internal.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares the path of the API's Unix socket before binding and sets its owner and mode after. */
final class UnixSocketFile {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketFile.class);

    private UnixSocketFile() {
    }

    /** Creates the parent directory and removes what a previous run left at {@code path}. */
    static void prepare(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot listen on " + path + ": it is a directory");
        }
        // a socket left by a crashed daemon would make bind fail with "address in use"
        Files.deleteIfExists(path);
    }

    /** Mode 0660 and, when {@code group} exists on this host, that group; as dockerd does with "docker". */
    static void secure(Path path, String group) throws IOException {
        if (group != null && !group.isEmpty()) {
            try {
                GroupPrincipal g = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
                Files.setAttribute(path, "posix:group", g, LinkOption.NOFOLLOW_LINKS);
            } catch (UserPrincipalNotFoundException e) {
                LOG.debug("group {} does not exist; {} keeps its group", group, path);
            }
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
    }
}
