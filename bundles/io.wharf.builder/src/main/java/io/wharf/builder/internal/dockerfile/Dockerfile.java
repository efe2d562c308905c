package io.wharf.builder.internal.dockerfile;

import java.util.List;

/**
 * A parsed Dockerfile: its instructions in order and the escape character its directive chose.
 */
public record Dockerfile(List<Instruction> instructions, char escape) {
}
