package io.wharf.api.log;

import java.util.Map;

/**
 * One line (or partial line) of container output.
 *
 * @param source stdout or stderr
 * @param line the bytes, including the trailing newline when there is one
 * @param timeNano when it was written, nanoseconds since the epoch
 * @param partial true when this is a chunk of a longer line
 * @param attributes extra attributes (labels, env) that the driver was configured to add
 */
public record LogMessage(String source, byte[] line, long timeNano, boolean partial, Map<String, String> attributes) {
}
