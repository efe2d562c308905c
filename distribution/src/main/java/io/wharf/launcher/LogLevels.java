package io.wharf.launcher;

import java.util.Properties;

/**
 * Sets jetty-slf4j-impl's levels (it reads system properties such as {@code io.wharf.LEVEL}; {@code log.LEVEL} is
 * its root) from dockerd's {@code --log-level}. Values given with {@code -D} on the java command line win.
 */
final class LogLevels {
    private LogLevels() {
    }

    static void apply(String dockerLevel, Properties system) {
        String level = switch (dockerLevel) {
            case "trace" -> "TRACE";
            case "debug" -> "DEBUG";
            case "warn" -> "WARN";
            case "error", "fatal", "panic" -> "ERROR";
            default -> "INFO";
        };
        // Jetty's own debug output drowns everything else; it gets debug only with trace
        String jetty = switch (level) {
            case "TRACE" -> "DEBUG";
            case "DEBUG" -> "INFO";
            default -> level;
        };
        system.putIfAbsent("log.LEVEL", level);
        system.putIfAbsent("io.wharf.LEVEL", level);
        system.putIfAbsent("org.eclipse.jetty.LEVEL", jetty);
    }
}
