package io.wharf.log.jsonfile.internal;

import io.wharf.api.errors.WharfException;
import io.wharf.api.log.LogDriver.LogWriter;
import io.wharf.api.log.LogMessage;
import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPOutputStream;

/**
 * Appends entries to the live file, one write(2) per message and no fsync (a log line lost in a power cut is
 * acceptable; a slow container is not), rotating when the next entry would pass {@code max-size}.
 */
final class JsonFileWriter implements LogWriter {
    private final LogFiles files;
    private final JsonFileOptions options;
    private final Map<String, String> staticAttrs;
    private final byte[] staticAttrsJson;
    private final LogFeed feed;
    private final Runnable onClose;
    private final ByteBuf buf = new ByteBuf(4096);
    private FileChannel channel;
    private long size;
    private boolean closed;
    /** The gzip of the last rotated file, done off the writer's thread so a container never waits for it. */
    private CompletableFuture<Void> compressing = CompletableFuture.completedFuture(null);

    JsonFileWriter(LogFiles files, JsonFileOptions options, Map<String, String> attrs, LogFeed feed, Runnable onClose) {
        this.files = files;
        this.options = options;
        this.staticAttrs = attrs;
        this.staticAttrsJson = JsonLineEncoder.attrs(attrs);
        this.feed = feed;
        this.onClose = onClose;
        try {
            this.channel = open(false);
            this.size = channel.size();
        } catch (IOException e) {
            throw new WharfException("failed to open log file " + files.live() + ": " + e.getMessage(), e);
        }
        feed.writerOpened();
    }

    @Override
    public synchronized void write(LogMessage message) {
        if (closed) {
            throw new IllegalStateException("log writer is closed");
        }
        byte[] line = message.line();
        // dockerd ends every complete message with a newline; only partial chunks go without.
        if (!message.partial() && (line.length == 0 || line[line.length - 1] != '\n')) {
            byte[] withNewline = new byte[line.length + 1];
            System.arraycopy(line, 0, withNewline, 0, line.length);
            withNewline[line.length] = '\n';
            line = withNewline;
        }
        byte[] attrs = staticAttrsJson;
        if (message.attributes() != null && !message.attributes().isEmpty()) {
            Map<String, String> merged = new HashMap<>(staticAttrs);
            merged.putAll(message.attributes());
            attrs = JsonLineEncoder.attrs(merged);
        }
        buf.clear();
        JsonLineEncoder.encode(buf, line, message.source(), attrs, message.timeNano());
        try {
            if (options.maxSize() > 0 && size > 0 && size + buf.length() > options.maxSize()) {
                rotate();
            }
            ByteBuffer bytes = buf.view();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            size += buf.length();
        } catch (IOException e) {
            throw new WharfException("failed to write log file " + files.live() + ": " + e.getMessage(), e);
        }
        feed.written();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                // The data already went to the kernel with each write; nothing is lost by a failed close.
            }
            awaitCompression();
        }
        feed.writerClosed();
        onClose.run();
    }

    private void rotate() throws IOException {
        channel.close();
        // Renumbering must not move a file that is still being compressed.
        awaitCompression();
        int maxFiles = options.maxFiles();
        if (maxFiles <= 1) {
            channel = open(true);
            size = 0;
            return;
        }
        Files.deleteIfExists(files.rotated(maxFiles - 1));
        Files.deleteIfExists(files.compressed(maxFiles - 1));
        for (int n = maxFiles - 2; n >= 1; n--) {
            moveIfExists(files.rotated(n), files.rotated(n + 1));
            moveIfExists(files.compressed(n), files.compressed(n + 1));
        }
        Files.move(files.live(), files.rotated(1), StandardCopyOption.ATOMIC_MOVE);
        channel = open(false);
        size = 0;
        if (options.compress()) {
            Path plain = files.rotated(1);
            Path gz = files.compressed(1);
            compressing = CompletableFuture.runAsync(() -> {
                try {
                    compress(plain, gz);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, task -> {
                Thread t = new Thread(task, "wharf-log-compress");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /** Waits for a running compression; a failed one leaves the plain rotated file, which readers still read. */
    private void awaitCompression() {
        try {
            compressing.join();
        } catch (CompletionException e) {
            // keep the uncompressed file
        }
    }

    /** Gzips a rotated file beside itself, then drops the plain one; readers take the plain one while both exist. */
    private static void compress(Path plain, Path gz) throws IOException {
        Path tmp = AtomicFiles.temporarySibling(gz);
        try (InputStream in = Files.newInputStream(plain);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 65536)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        // a container's log lives no longer than the container: renamed into place, not flushed
        AtomicFiles.commit(tmp, gz, false);
        Files.delete(plain);
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private FileChannel open(boolean truncate) throws IOException {
        Path live = files.live();
        if (!Files.exists(live)) {
            Files.createFile(live, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        }
        return truncate
                ? FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                : FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
