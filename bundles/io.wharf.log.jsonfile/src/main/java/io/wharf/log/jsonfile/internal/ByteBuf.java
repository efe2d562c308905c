package io.wharf.log.jsonfile.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array reused for every encoded line, so that writing a message allocates nothing. */
final class ByteBuf {
    private byte[] bytes;
    private int length;

    ByteBuf(int capacity) {
        bytes = new byte[capacity];
    }

    void clear() {
        length = 0;
    }

    int length() {
        return length;
    }

    ByteBuf put(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    ByteBuf put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, length, len);
        length += len;
        return this;
    }

    ByteBuf put(byte[] src) {
        return put(src, 0, src.length);
    }

    /** Appends ASCII text; callers only pass keys and punctuation. */
    ByteBuf ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
