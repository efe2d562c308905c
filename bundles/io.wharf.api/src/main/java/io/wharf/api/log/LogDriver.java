package io.wharf.api.log;

import io.wharf.api.common.Subscription;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/** A log driver: stores container output and, when it can, reads it back. Register with {@link #NAME}. */
@ConsumerType
public interface LogDriver {
    String NAME = "wharf.log.name";

    /** Checks {@code --log-opt} values; throws InvalidArgumentException naming the first bad one. */
    void validate(Map<String, String> options);

    /** Opens the writer for one container; messages are written in order from one thread. */
    LogWriter open(LogContext context);

    /** Whether {@link #read} is supported (json-file and local can; syslog cannot). */
    boolean canRead();

    /**
     * Delivers the stored lines that match, then new ones while {@code query.follow()}; {@code done} runs once
     * when delivery ends. Throws NotImplementedException when the driver cannot read.
     */
    Subscription read(LogContext context, LogQuery query, Consumer<LogMessage> sink, Runnable done);

    /** A container's open log. */
    interface LogWriter extends AutoCloseable {
        void write(LogMessage message);

        @Override
        void close();
    }
}
