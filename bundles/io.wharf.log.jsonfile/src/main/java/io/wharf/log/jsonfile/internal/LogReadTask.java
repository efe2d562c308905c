package io.wharf.log.jsonfile.internal;

import io.wharf.api.common.Subscription;
import io.wharf.api.log.LogMessage;
import io.wharf.api.log.LogQuery;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One {@code docker logs} request: delivers the stored entries that match, then, when following, tails the live
 * file across rotations until the subscription is closed or the writer that was open when it started is closed.
 * Runs on its own thread; {@code done} runs exactly once at the end.
 */
final class LogReadTask implements Runnable, Subscription {
    /** Longest a follower sleeps before looking at the file again when no wake-up comes from the writer. */
    private static final long POLL_MILLIS = 250;

    private final LogFiles files;
    private final LogQuery query;
    private final Consumer<LogMessage> sink;
    private final Runnable done;
    private final LogFeed feed;
    private final Runnable onEnd;
    private volatile boolean closed;
    private volatile Thread thread;
    private boolean untilReached;

    LogReadTask(LogFiles files, LogQuery query, Consumer<LogMessage> sink, Runnable done, LogFeed feed, Runnable onEnd) {
        this.files = files;
        this.query = query;
        this.sink = sink;
        this.done = done;
        this.feed = feed;
        this.onEnd = onEnd;
    }

    void start(String name) {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        List<LogSource> rotated = new ArrayList<>();
        FileChannel live = null;
        try {
            // Decide before looking at the files whether there is a writer to follow, so that a close racing
            // with the start is seen as a close.
            boolean follow = query.follow() && feed.writerOpen();
            long closesAtStart = feed.closes();
            for (Path p : files.rotatedOldestFirst()) {
                try {
                    rotated.add(LogSource.open(p));
                } catch (NoSuchFileException e) {
                    // rotated away between listing and opening
                }
            }
            Object liveKey = null;
            long liveEnd = 0;
            try {
                live = FileChannel.open(files.live(), StandardOpenOption.READ);
                liveKey = Files.readAttributes(files.live(), BasicFileAttributes.class).fileKey();
                liveEnd = LineScanner.lastLineEnd(new LogSource.Channel(live), live.size());
            } catch (NoSuchFileException e) {
                live = null;
            }
            history(rotated, live, liveEnd);
            if (follow && !closed && !untilReached) {
                follow(live, liveKey, liveEnd, closesAtStart);
            }
        } catch (IOException | RuntimeException e) {
            // The reader goes away with the error; the caller sees the stream end.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (LogSource s : rotated) {
                closeQuietly(s);
            }
            if (live != null) {
                closeQuietly(new LogSource.Channel(live));
            }
            onEnd.run();
            done.run();
        }
    }

    private void history(List<LogSource> rotated, FileChannel live, long liveEnd) throws IOException {
        List<LogSource> sources = new ArrayList<>(rotated);
        List<Long> ends = new ArrayList<>();
        for (LogSource s : rotated) {
            ends.add(s.size());
        }
        if (live != null) {
            sources.add(new LogSource.Channel(live));
            ends.add(liveEnd);
        }
        if (query.tail() >= 0) {
            tail(sources, ends);
            return;
        }
        int first = 0;
        if (query.sinceNano() > 0) {
            // Entries are in time order across the chain: skip whole files that end before `since`.
            while (first < sources.size() - 1 && lastTime(sources.get(first), ends.get(first)) < query.sinceNano()) {
                first++;
            }
        }
        for (int i = first; i < sources.size() && !closed; i++) {
            if (LineScanner.forward(sources.get(i), 0, ends.get(i), this::deliverLine) < 0) {
                return;
            }
        }
    }

    /** Reads backwards from the newest end, so that the cost depends on N and not on the size of the log. */
    private void tail(List<LogSource> sources, List<Long> ends) throws IOException {
        int n = query.tail();
        ArrayDeque<LogMessage> last = new ArrayDeque<>();
        if (n > 0) {
            for (int i = sources.size() - 1; i >= 0; i--) {
                boolean more = LineScanner.backward(sources.get(i), ends.get(i), (buf, off, end) -> {
                    LogMessage m = JsonLineDecoder.decode(buf, off, end);
                    if (m == null || !wanted(m) || (query.untilNano() > 0 && m.timeNano() >= query.untilNano())) {
                        return !closed;
                    }
                    if (query.sinceNano() > 0 && m.timeNano() < query.sinceNano()) {
                        return false;
                    }
                    last.addFirst(m);
                    return last.size() < n && !closed;
                });
                if (!more) {
                    break;
                }
            }
        }
        for (LogMessage m : last) {
            if (closed) {
                return;
            }
            sink.accept(m);
        }
    }

    /** The time of the newest entry in a file, or Long.MIN_VALUE when it has none. */
    private static long lastTime(LogSource src, long end) throws IOException {
        long[] time = {Long.MIN_VALUE};
        LineScanner.backward(src, end, (buf, off, lineEnd) -> {
            LogMessage m = JsonLineDecoder.decode(buf, off, lineEnd);
            if (m == null) {
                return true;
            }
            time[0] = m.timeNano();
            return false;
        });
        return time[0];
    }

    private void follow(FileChannel channel, Object key, long pos, long closesAtStart) throws IOException, InterruptedException {
        LogSource src = channel == null ? null : new LogSource.Channel(channel);
        try {
            while (!closed) {
                long seen = feed.version();
                boolean writerGone = feed.closes() > closesAtStart;
                // Drain the file we hold, then move to a new live file as long as rotation replaced it.
                while (true) {
                    if (src != null) {
                        if (src.size() < pos) {
                            pos = 0; // truncated in place (max-file=1)
                        }
                        long next = LineScanner.forward(src, pos, src.size(), this::deliverLine);
                        if (next < 0) {
                            return;
                        }
                        pos = next;
                    }
                    Object current = fileKey(files.live());
                    if (current == null || Objects.equals(current, key)) {
                        break;
                    }
                    if (src != null) {
                        long next = LineScanner.forward(src, pos, src.size(), this::deliverLine);
                        if (next < 0) {
                            return;
                        }
                        src.close();
                    }
                    try {
                        src = new LogSource.Channel(FileChannel.open(files.live(), StandardOpenOption.READ));
                    } catch (NoSuchFileException e) {
                        src = null;
                        break;
                    }
                    key = current;
                    pos = 0;
                }
                if (writerGone || untilReached
                        || (query.untilNano() > 0 && System.currentTimeMillis() * 1_000_000L >= query.untilNano())) {
                    return;
                }
                feed.await(seen, POLL_MILLIS);
            }
        } finally {
            if (src != null) {
                closeQuietly(src); // closing the channel run() opened a second time is harmless
            }
        }
    }

    private boolean deliverLine(byte[] buf, int off, int end) {
        if (closed) {
            return false;
        }
        LogMessage m = JsonLineDecoder.decode(buf, off, end);
        if (m == null || !wanted(m)) {
            return true;
        }
        if (query.sinceNano() > 0 && m.timeNano() < query.sinceNano()) {
            return true;
        }
        if (query.untilNano() > 0 && m.timeNano() >= query.untilNano()) {
            untilReached = true;
            return false;
        }
        sink.accept(m);
        return !closed;
    }

    private boolean wanted(LogMessage m) {
        return "stderr".equals(m.source()) ? query.stderr() : query.stdout();
    }

    private static Object fileKey(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void closeQuietly(LogSource s) {
        try {
            s.close();
        } catch (IOException e) {
            // reading only; nothing to lose
        }
    }
}
