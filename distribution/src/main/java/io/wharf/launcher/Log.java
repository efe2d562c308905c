package io.wharf.launcher;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The launcher's own messages on stderr, in the same shape as the bundles' (jetty-slf4j-impl) lines. */
final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final PrintStream out;
    /** Changed by a reload of daemon.json's {@code debug}. */
    private volatile boolean debug;

    Log(PrintStream out, boolean debug) {
        this.out = out;
        this.debug = debug;
    }

    void setDebug(boolean debug) {
        this.debug = debug;
    }

    void info(String message) {
        print("INFO ", message, null);
    }

    void warn(String message) {
        print("WARN ", message, null);
    }

    void error(String message, Throwable cause) {
        print("ERROR", message, cause);
    }

    void debug(String message) {
        if (debug) {
            print("DEBUG", message, null);
        }
    }

    private void print(String level, String message, Throwable cause) {
        synchronized (out) {
            out.println(TIME.format(LocalDateTime.now()) + ":" + level + ":wharfd:" + Thread.currentThread().getName()
                    + ": " + message);
            if (cause != null) {
                if (debug) {
                    cause.printStackTrace(out);
                } else {
                    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
                        out.println("    " + t);
                    }
                }
            }
        }
    }
}
