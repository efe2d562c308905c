package io.wharf.builder.internal;

import io.wharf.builder.internal.dockerfile.Instruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One build stage: its FROM, its instructions, and the state its steps build up. */
final class Stage {
    final int index;
    final Instruction from;
    final List<Instruction> instructions = new ArrayList<>();
    String name;
    /** The image the last step made (null before the first step of a {@code FROM scratch} stage). */
    String imageId;
    ImageConfig config = new ImageConfig();
    /** ARGs declared in this stage; a null value is declared without one. */
    final Map<String, String> args = new LinkedHashMap<>();
    String maintainer = "";
    /** Whether this stage set CMD (an ENTRYPOINT then keeps it; else it clears the base image's). */
    boolean cmdSet;

    Stage(int index, Instruction from) {
        this.index = index;
        this.from = from;
    }
}
