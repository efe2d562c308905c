package io.wharf.archive;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Builds small tars in memory for tests. */
final class Tars {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final TarWriter w = new TarWriter(buf);

    Tars dir(String name) {
        return add(TarHeader.directory(name), null);
    }

    Tars file(String name, String content) {
        return add(TarHeader.file(name, content.getBytes(UTF_8).length), content);
    }

    Tars symlink(String name, String target) {
        return add(TarHeader.symlink(name, target), null);
    }

    Tars hardLink(String name, String target) {
        return add(TarHeader.hardLink(name, target), null);
    }

    Tars add(TarHeader h, String content) {
        try {
            w.add(h, content == null ? null : new ByteArrayInputStream(content.getBytes(UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] bytes() {
        try {
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }
}
