package io.wharf.linux.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import io.wharf.linux.LinuxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Conversions shared by the facade classes: path encoding and errno to {@link LinuxException}. */
public final class Syscalls {
    /** The charset the JDK uses for file names, so a Path reaches the kernel as the same bytes. */
    private static final Charset FILE_NAMES = fileNameCharset();

    private Syscalls() {}

    public static LibC libc() {
        return LibC.INSTANCE;
    }

    /** The path as a NUL-terminated C string. */
    public static byte[] cpath(Path path) {
        return cstring(path.toString());
    }

    public static byte[] cstring(String s) {
        byte[] b = s.getBytes(FILE_NAMES);
        return Arrays.copyOf(b, b.length + 1);
    }

    public static Charset fileNames() {
        return FILE_NAMES;
    }

    /** The strerror text of errno, e.g. "Operation not permitted". */
    public static String strerror(int errno) {
        Pointer p = LibC.INSTANCE.strerror(errno);
        return p == null ? "errno " + errno : p.getString(0, StandardCharsets.UTF_8.name());
    }

    /** Wraps the failed call {@code what} (e.g. "mount /a on /b") into a LinuxException. */
    public static LinuxException error(String what, LastErrorException e) {
        int errno = e.getErrorCode();
        return new LinuxException(errno, what + ": " + strerror(errno), e);
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
