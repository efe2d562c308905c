package io.wharf.runtime.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.runtime.RuntimeStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns a runtime's failure to create or start a process into dockerd's error: the runtime's last error message
 * wrapped as "OCI runtime create failed: ...: unknown", with the exit code dockerd records (127 for a command not
 * found, 126 for one that cannot be executed, 128 otherwise).
 */
final class StartErrors {
    private static final java.util.regex.Pattern CRUN_NOT_FOUND =
            java.util.regex.Pattern.compile("executable file `([^`]*)` not found");
    private StartErrors() {
    }

    static RuntimeStartException translate(String phase, String runtimeMessage) {
        String text = runtimeMessage == null || runtimeMessage.isBlank() ? "unknown error" : runtimeMessage.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        int code = RuntimeStartException.UNKNOWN;
        if (lower.contains("executable file not found") || lower.contains("no such file or directory")) {
            code = RuntimeStartException.COMMAND_NOT_FOUND;
            // crun words it "executable file `x` not found in $PATH: No such file or directory"; clients (the
            // docker CLI among them) look for runc's wording to exit with 127, so give them that.
            java.util.regex.Matcher m = CRUN_NOT_FOUND.matcher(text);
            if (m.find()) {
                text = "exec: \"" + m.group(1) + "\": executable file not found in $PATH";
            }
        } else if (lower.contains("permission denied")) {
            code = RuntimeStartException.COMMAND_NOT_EXECUTABLE;
            // crun says "open executable: Permission denied"; the docker CLI exits 126 on runc's lower case
            text = text.replace("Permission denied", "permission denied");
        } else if (lower.contains("not a directory")) {
            text += ": Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host"
                    + " path exists and is the expected type";
            code = RuntimeStartException.COMMAND_NOT_FOUND;
        }
        return new RuntimeStartException("OCI runtime " + phase + " failed: " + text + ": unknown", code);
    }

    /** The last error-level message of a runtime's JSON log ({@code --log-format=json}); raw text otherwise. */
    static String lastError(ObjectMapper mapper, Path runtimeLog) {
        List<String> lines;
        try {
            lines = Files.exists(runtimeLog) ? Files.readAllLines(runtimeLog) : List.of();
        } catch (IOException e) {
            return "";
        }
        String last = "";
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = mapper.readTree(line);
                String level = node.path("level").asText("");
                if ("error".equals(level) || "fatal".equals(level)) {
                    last = node.path("msg").asText("");
                }
            } catch (IOException e) {
                last = line;
            }
        }
        return last;
    }
}
