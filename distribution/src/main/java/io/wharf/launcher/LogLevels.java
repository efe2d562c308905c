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
        // bundles that log through java.util.logging print one line in the same shape as the rest
        system.putIfAbsent("java.util.logging.SimpleFormatter.format", JUL_FORMAT);
    }

    static final String JUL_FORMAT = "%1$tY-%1$tm-%1$td %1$tH:%1$tM:%1$tS.%1$tL:%4$-5.5s:%3$s: %5$s%6$s%n";
}
