package io.wharf.log.jsonfile.internal;

import io.wharf.api.common.Subscription;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.log.LogContext;
import io.wharf.api.log.LogDriver;
import io.wharf.api.log.LogMessage;
import io.wharf.api.log.LogQuery;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The json-file log driver: dockerd's on-disk format in {@code <container dir>/<id>-json.log}, with rotation and
 * reading back (tail, since/until, follow).
 *
 * <p>A follow ends when the caller closes the subscription, or after draining when the writer that was open for
 * that container when the follow began is closed. A follow started while no writer is open ends after the stored
 * lines, as {@code docker logs -f} on a stopped container does.
 */
@Component(service = LogDriver.class, property = LogDriver.NAME + "=json-file")
public final class JsonFileDriver implements LogDriver {
    /** Writers and followers meet here; only this process's writers are known, which is all a follower needs. */
    private final Map<Path, LogFeed> feeds = new ConcurrentHashMap<>();
    private final Set<LogReadTask> readers = ConcurrentHashMap.newKeySet();

    @Activate
    public JsonFileDriver() {
    }

    @Deactivate
    void deactivate() {
        readers.forEach(LogReadTask::close);
    }

    @Override
    public void validate(Map<String, String> options) {
        JsonFileOptions.parse(options == null ? Map.of() : options);
    }

    @Override
    public LogWriter open(LogContext context) {
        JsonFileOptions options = JsonFileOptions.parse(options(context));
        LogFiles files = files(context);
        LogFeed feed = feeds.computeIfAbsent(files.live(), p -> new LogFeed());
        return new JsonFileWriter(files, options, LogAttributes.of(withOptions(context)), feed, () -> {
            // Forget the feed once no writer uses it; followers hold their own reference and have been told.
            feeds.computeIfPresent(files.live(), (p, f) -> f == feed && !f.writerOpen() ? null : f);
        });
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public Subscription read(LogContext context, LogQuery query, Consumer<LogMessage> sink, Runnable done) {
        LogFiles files = files(context);
        LogFeed feed = feeds.getOrDefault(files.live(), new LogFeed());
        LogReadTask[] self = new LogReadTask[1];
        LogReadTask task = new LogReadTask(files, query, sink, done, feed, () -> readers.remove(self[0]));
        self[0] = task;
        readers.add(task);
        String id = context.containerId();
        task.start("wharf-log-read-" + (id.length() > 12 ? id.substring(0, 12) : id));
        return task;
    }

    private static LogFiles files(LogContext context) {
        if (context.directory() == null || context.containerId() == null || context.containerId().isEmpty()
                || context.containerId().contains("/")) {
            throw new InvalidArgumentException("json-file log driver needs the container ID and directory");
        }
        return LogFiles.of(context.directory(), context.containerId());
    }

    private static Map<String, String> options(LogContext context) {
        return context.options() == null ? Map.of() : context.options();
    }

    private static LogContext withOptions(LogContext c) {
        return new LogContext(c.containerId(), c.containerName(), c.imageName(), c.directory(), options(c), c.labels());
    }
}
