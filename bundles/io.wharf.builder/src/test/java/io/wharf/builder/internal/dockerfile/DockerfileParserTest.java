package io.wharf.builder.internal.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
    @Test
    void instructionsWithLinesKeywordsAndForms() {
        Dockerfile df = DockerfileParser.parse("""
                # a comment
                from busybox AS base

                RUN echo hi
                CMD ["sh", "-c", "echo x"]
                """);
        List<Instruction> i = df.instructions();
        assertEquals(3, i.size());
        assertEquals("FROM", i.get(0).keyword());
        assertEquals("busybox AS base", i.get(0).rest());
        assertEquals(2, i.get(0).line());
        assertEquals("RUN", i.get(1).keyword());
        assertNull(i.get(1).json());
        assertEquals(4, i.get(1).line());
        assertEquals(List.of("sh", "-c", "echo x"), i.get(2).json());
        assertEquals('\\', df.escape());
    }

    @Test
    void continuationsJoinLinesAndDropCommentsAndBlankLinesInside() {
        Dockerfile df = DockerfileParser.parse("FROM busybox\nRUN echo a \\\n# inner comment\n\n    b \\\n  c\nENV X=1\n");
        List<Instruction> i = df.instructions();
        assertEquals(3, i.size());
        assertEquals("echo a     b   c", i.get(1).rest());
        assertEquals(2, i.get(1).line());
        assertEquals("ENV", i.get(2).keyword());
    }

    @Test
    void theEscapeDirectiveChangesTheContinuationCharacter() {
        Dockerfile df = DockerfileParser.parse("# escape=`\n# syntax=docker/dockerfile:1\nFROM busybox\n"
                + "RUN dir c:\\ `\n  && echo done\n");
        assertEquals('`', df.escape());
        assertEquals("dir c:\\   && echo done", df.instructions().get(1).rest());
    }

    @Test
    void directivesAreOnlyReadAtTheTop() {
        Dockerfile df = DockerfileParser.parse("FROM busybox\n# escape=`\nRUN echo \\\n  x\n");
        assertEquals('\\', df.escape());
        assertEquals("echo   x", df.instructions().get(1).rest());
        assertThrows(DockerfileSyntaxException.class, () -> DockerfileParser.parse("# escape=x\nFROM busybox\n"));
    }

    @Test
    void flagsAreSeparatedFromTheArguments() {
        Instruction i = DockerfileParser.parse("COPY --from=build --chown=1:2 a b /dst/\n").instructions().get(0);
        assertEquals("build", i.flag("from"));
        assertEquals("1:2", i.flag("chown"));
        assertEquals("a b /dst/", i.rest());
        Instruction h = DockerfileParser.parse("HEALTHCHECK --interval=5s CMD true\n").instructions().get(0);
        assertEquals("5s", h.flag("interval"));
        assertEquals("CMD true", h.rest());
    }

    @Test
    void invalidJsonIsTheShellForm() {
        Instruction i = DockerfileParser.parse("CMD [\"unterminated\n").instructions().get(0);
        assertNull(i.json());
        assertEquals("[\"unterminated", i.rest());
        assertNull(DockerfileParser.parse("CMD [1, 2]\n").instructions().get(0).json());
        assertEquals(List.of(), DockerfileParser.parse("CMD []\n").instructions().get(0).json());
    }

    @Test
    void unknownInstructionsNameTheirLine() {
        DockerfileSyntaxException e = assertThrows(DockerfileSyntaxException.class,
                () -> DockerfileParser.parse("FROM busybox\n\nFOO bar\n"));
        assertEquals("Dockerfile parse error line 3: unknown instruction: FOO", e.getMessage());
    }

    @Test
    void heredocsInRunAndCopy() {
        Dockerfile df = DockerfileParser.parse("FROM busybox\nRUN <<EOF\necho one\necho two\nEOF\n"
                + "COPY <<-'CONF' /etc/x.conf\n\tkey=value\nCONF\nRUN echo after\n");
        List<Instruction> i = df.instructions();
        assertEquals(4, i.size());
        assertEquals(List.of(new Instruction.Heredoc("EOF", "echo one\necho two\n", true)), i.get(1).heredocs());
        assertEquals(new Instruction.Heredoc("CONF", "key=value\n", false), i.get(2).heredocs().get(0));
        assertEquals("echo after", i.get(3).rest());
        assertThrows(DockerfileSyntaxException.class, () -> DockerfileParser.parse("RUN <<EOF\necho\n"));
    }

    @Test
    void windowsLineEndingsAndTrailingBlanks() {
        Dockerfile df = DockerfileParser.parse("FROM busybox \r\nRUN echo a \\  \r\n b\r\n");
        assertEquals("busybox", df.instructions().get(0).rest());
        assertEquals("echo a  b", df.instructions().get(1).rest());
        assertTrue(df.instructions().get(1).original().startsWith("RUN"));
    }
}
