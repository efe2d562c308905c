package io.wharf.daemon.internal.plugins;

import io.wharf.api.errors.InvalidArgumentException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Takes the first jar out of a plugin-create context: a tar stream (plain or gzip) of the directory the client
 * sent. A jar is recognised by its content (a zip), not its name, so long names in PAX headers do not matter.
 */
final class TarJar {
    private TarJar() {
    }

    static void extract(InputStream body, Path target) throws IOException {
        InputStream in = new BufferedInputStream(body);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in));
        }
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512) {
            if (header[0] == 0) {
                break;
            }
            String octal = new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim();
            long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
            char type = (char) header[156];
            long padded = (size + 511) / 512 * 512;
            if ((type == '0' || type == 0) && size > 4) {
                in.mark(4);
                byte[] magic = in.readNBytes(4);
                in.reset();
                if (magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    return;
                }
            }
            in.skipNBytes(padded);
        }
        throw new InvalidArgumentException("the plugin context holds no bundle jar");
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[65536];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("truncated tar stream");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
