package io.wharf.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.builder.internal.context.DockerIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopySourcesTest {
    @TempDir
    Path ctx;

    private CopySources sources(String... patterns) throws IOException {
        CopySources s = new CopySources(ctx, DockerIgnore.parse("*.secret\n"), new ConcurrentHashMap<>());
        for (String p : patterns) {
            s.addPattern(p, false, "COPY");
        }
        return s;
    }

    @Test
    void wildcardsMatchSortedAndSkipIgnoredFiles() throws IOException {
        Files.writeString(ctx.resolve("b.txt"), "b");
        Files.writeString(ctx.resolve("a.txt"), "a");
        Files.writeString(ctx.resolve("c.secret"), "s");
        Files.createDirectories(ctx.resolve("dir"));
        Files.writeString(ctx.resolve("dir/x.txt"), "x");
        CopySources s = sources("*.txt", "d?r/*.txt");
        assertEquals(List.of("a.txt", "b.txt", "x.txt"), s.sources.stream().map(CopySources.Source::name).toList());
    }

    @Test
    void missingAndIgnoredSourcesFailAsDockerSays() throws IOException {
        Files.writeString(ctx.resolve("k.secret"), "s");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> sources("nope"));
        assertTrue(e.getMessage().contains("file not found in build context or excluded by .dockerignore"));
        assertThrows(InvalidArgumentException.class, () -> sources("k.secret"));
        assertThrows(InvalidArgumentException.class, () -> sources("*.none"));
        assertThrows(InvalidArgumentException.class, () -> sources("*.secret"), "only ignored files match");
    }

    @Test
    void theChecksumFollowsContentNotTimes() throws IOException {
        Files.createDirectories(ctx.resolve("d"));
        Path f = Files.writeString(ctx.resolve("d/f"), "one");
        String first = sources("d").checksum();
        Files.setLastModifiedTime(f, FileTime.fromMillis(0));
        assertEquals(first, sources("d").checksum());
        Files.writeString(f, "two");
        assertNotEquals(first, sources("d").checksum());
        assertTrue(sources("d").describe().startsWith("dir:"));
        assertTrue(sources("d/f").describe().startsWith("file:"));
    }
}
