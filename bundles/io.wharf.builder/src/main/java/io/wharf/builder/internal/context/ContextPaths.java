package io.wharf.builder.internal.context;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.linux.files.ScopedPaths;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths inside a build context, resolved as if the context were the root: symlinks, absolute or relative, are
 * followed but never lead out of it, as Docker's {@code FollowSymlinkInScope} does.
 */
public final class ContextPaths {
    private ContextPaths() {
    }

    /**
     * The context-relative form of a source path as a Dockerfile names it; a path that climbs out of the
     * context is refused with Docker's message.
     */
    public static String relative(String source) {
        int depth = 0;
        List<String> parts = new ArrayList<>();
        for (String s : source.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (--depth < 0) {
                    throw new InvalidArgumentException("forbidden path outside the build context: " + source
                            + " ()");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            depth++;
            parts.add(s);
        }
        return String.join("/", parts);
    }

    /** The host path of {@code rel} inside {@code root}, following symlinks in scope (the last one too). */
    public static Path resolve(Path root, String rel) throws IOException {
        try {
            return ScopedPaths.resolve(root, rel, true);
        } catch (FileSystemLoopException e) {
            throw new InvalidArgumentException("too many links in " + rel);
        }
    }

    /** The context-relative name of a resolved host path. */
    public static String nameOf(Path root, Path p) {
        return root.relativize(p).toString();
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
