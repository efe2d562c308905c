package io.wharf.storage.vfs.internal;

import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the driver remembers of a layer besides its tree: its parent and whether it is a writable layer. */
record LayerRecord(String id, String parent, boolean readWrite) {

    static LayerRecord read(Path file, String id) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        String parent = p.getProperty("parent", "");
        return new LayerRecord(id, parent.isEmpty() ? null : parent, Boolean.parseBoolean(p.getProperty("rw")));
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("parent", parent == null ? "" : parent);
        p.setProperty("rw", Boolean.toString(readWrite));
        StringWriter out = new StringWriter();
        p.store(out, null);
        AtomicFiles.write(file, out.toString());
    }
}
