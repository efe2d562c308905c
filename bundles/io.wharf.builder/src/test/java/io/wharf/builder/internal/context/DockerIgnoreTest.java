package io.wharf.builder.internal.context;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
    @Test
    void patternsMatchPathsAndEverythingUnderThem() {
        DockerIgnore i = DockerIgnore.parse("# comment\nlogs\n*.tmp\n/secret.key\nbuild/*/out\n");
        assertTrue(i.excluded("logs"));
        assertTrue(i.excluded("logs/today.log"));
        assertTrue(i.excluded("a.tmp"));
        assertFalse(i.excluded("dir/a.tmp"), "* does not cross directories");
        assertTrue(i.excluded("secret.key"));
        assertTrue(i.excluded("build/x/out"));
        assertTrue(i.excluded("build/x/out/file"));
        assertFalse(i.excluded("build/x/y/out"));
        assertFalse(i.excluded("logs-keep.txt"));
    }

    @Test
    void doubleStarCrossesDirectories() {
        DockerIgnore i = DockerIgnore.parse("**/*.o\nnode_modules/**\n");
        assertTrue(i.excluded("a.o"));
        assertTrue(i.excluded("src/deep/er/a.o"));
        assertTrue(i.excluded("node_modules/x/y"));
        assertFalse(i.excluded("src/a.c"));
    }

    @Test
    void exceptionsReincludeAndTheLastMatchWins() {
        DockerIgnore i = DockerIgnore.parse("*.md\n!README.md\nREADME*.md\n!README-keep.md\n");
        assertTrue(i.excluded("CHANGES.md"));
        assertTrue(i.excluded("README.md"));
        assertFalse(i.excluded("README-keep.md"));
        DockerIgnore j = DockerIgnore.parse("docs\n!docs/keep.txt\n");
        assertTrue(i.hasExceptions());
        assertTrue(j.excluded("docs/other.txt"));
        assertFalse(j.excluded("docs/keep.txt"));
    }

    @Test
    void characterClassesQuestionMarksAndCleanedPaths() {
        DockerIgnore i = DockerIgnore.parse("file[0-9].txt\n?.log\n./dir/../other\n");
        assertTrue(i.excluded("file3.txt"));
        assertFalse(i.excluded("filex.txt"));
        assertTrue(i.excluded("a.log"));
        assertFalse(i.excluded("ab.log"));
        assertTrue(i.excluded("other/x"));
        assertTrue(i.excluded("./other"));
    }
}
