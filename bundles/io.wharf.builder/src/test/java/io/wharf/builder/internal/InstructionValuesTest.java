package io.wharf.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.builder.internal.dockerfile.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionValuesTest {
    @Test
    void exposedPortsTakeProtocolsAndRanges() {
        assertEquals(List.of("80/tcp"), InstructionValues.ports("80"));
        assertEquals(List.of("53/udp"), InstructionValues.ports("53/UDP"));
        assertEquals(List.of("8000/tcp", "8001/tcp", "8002/tcp"), InstructionValues.ports("8000-8002"));
        assertThrows(InvalidArgumentException.class, () -> InstructionValues.ports("http"));
        assertThrows(InvalidArgumentException.class, () -> InstructionValues.ports("80/icmp"));
    }

    @Test
    void healthcheckDurationsAreGoDurations() {
        assertEquals(5_000_000_000L, InstructionValues.duration("5s", "interval"));
        assertEquals(90_000_000_000L, InstructionValues.duration("1m30s", "interval"));
        assertEquals(500_000_000L, InstructionValues.duration("500ms", "timeout"));
        assertEquals(0, InstructionValues.duration(null, "timeout"));
        assertThrows(InvalidArgumentException.class, () -> InstructionValues.duration("5", "interval"));
        assertThrows(InvalidArgumentException.class, () -> InstructionValues.duration("10us", "interval"));
    }

    @Test
    void commandsInTheHistoryAreWrittenAsGoWould() {
        assertEquals("[\"cat\" \"/opt/hello.txt\"]", InstructionValues.goList(List.of("cat", "/opt/hello.txt"), true));
        assertEquals("[/a /b]", InstructionValues.goList(List.of("/a", "/b"), false));
        assertEquals("[\"say \\\"hi\\\"\"]", InstructionValues.goList(List.of("say \"hi\""), true));
    }

    @Test
    void destinationsAreCleanedAbsolutePaths() {
        assertEquals("/opt/x", InstructionValues.cleanAbsolute("/opt/./y/../x/"));
        assertEquals("/", InstructionValues.cleanAbsolute("/../.."));
        assertEquals("/etc", InstructionValues.cleanAbsolute("//etc"));
    }

    @Test
    void aRunOfOnlyAHeredocRunsItsBody() {
        Instruction.Heredoc doc = new Instruction.Heredoc("EOF", "echo one\necho two\n", true);
        assertEquals("echo one\necho two\n", InstructionValues.heredocScript("<<EOF", List.of(doc)));
        assertEquals("cat <<EOF > /f\necho one\necho two\nEOF", InstructionValues.heredocScript("cat <<EOF > /f",
                List.of(doc)));
    }
}
