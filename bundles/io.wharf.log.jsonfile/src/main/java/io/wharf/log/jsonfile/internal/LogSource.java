package io.wharf.log.jsonfile.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/** One file of the chain opened for reading: a channel, or for a gzipped file its inflated bytes. */
interface LogSource extends AutoCloseable {
    long size() throws IOException;

    /** Reads {@code len} bytes at {@code pos} into {@code dst} from {@code off}. */
    void read(long pos, byte[] dst, int off, int len) throws IOException;

    @Override
    void close() throws IOException;

    static LogSource open(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 65536)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return new Bytes(out.toByteArray());
            }
        }
        return new Channel(FileChannel.open(file, StandardOpenOption.READ));
    }

    record Channel(FileChannel channel) implements LogSource {
        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void read(long pos, byte[] dst, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
            while (buf.hasRemaining()) {
                if (channel.read(buf, pos + buf.position() - off) < 0) {
                    throw new IOException("log file shrank while reading");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    record Bytes(byte[] data) implements LogSource {
        @Override
        public long size() {
            return data.length;
        }

        @Override
        public void read(long pos, byte[] dst, int off, int len) {
            System.arraycopy(data, (int) pos, dst, off, len);
        }

        @Override
        public void close() {
        }
    }
}
