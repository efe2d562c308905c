package io.wharf.linux.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.security.MessageDigest;

/**
 * SHA-256 through libcrypto's {@code SHA256_Init/Update/Final}, bound by JNA's direct mapping (the cheapest call
 * JNA offers: one call per buffer of input). The hashing state lives in native memory owned by this object, so
 * {@link #clone} copies it.
 */
public final class NativeSha256 extends MessageDigest implements Cloneable {
    /** sizeof(SHA256_CTX) is 112 bytes in OpenSSL 3; a little room to spare. */
    private static final int CONTEXT_SIZE = 128;
    private static final int SCRATCH_SIZE = 64 * 1024;
    private static final boolean AVAILABLE = load();

    private Memory context = new Memory(CONTEXT_SIZE);
    private byte[] scratch;
    private byte[] one = new byte[1];

    public NativeSha256() {
        super("SHA-256");
        engineReset();
    }

    /** Whether libcrypto could be bound; decided once, when the class loads. */
    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean load() {
        for (String name : new String[] {"libcrypto.so.3", "crypto"}) {
            try {
                Native.register(NativeSha256.class, NativeLibrary.getInstance(name));
                return true;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // try the next name; without libcrypto the JDK's digest is used
            }
        }
        return false;
    }

    private static native int SHA256_Init(Pointer ctx);

    private static native int SHA256_Update(Pointer ctx, byte[] data, long len);

    private static native int SHA256_Final(byte[] md, Pointer ctx);

    @Override
    protected void engineUpdate(byte input) {
        one[0] = input;
        SHA256_Update(context, one, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (offset == 0) {
            SHA256_Update(context, input, len);
            return;
        }
        // direct mapping passes whole arrays: copy the slice (memcpy is far cheaper than the hashing itself)
        if (scratch == null) {
            scratch = new byte[SCRATCH_SIZE];
        }
        int done = 0;
        while (done < len) {
            int n = Math.min(SCRATCH_SIZE, len - done);
            System.arraycopy(input, offset + done, scratch, 0, n);
            SHA256_Update(context, scratch, n);
            done += n;
        }
    }

    @Override
    protected byte[] engineDigest() {
        byte[] md = new byte[32];
        SHA256_Final(md, context);
        engineReset();
        return md;
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    protected void engineReset() {
        SHA256_Init(context);
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        NativeSha256 copy = (NativeSha256) super.clone();
        copy.context = new Memory(CONTEXT_SIZE);
        copy.context.write(0, context.getByteArray(0, CONTEXT_SIZE), 0, CONTEXT_SIZE);
        copy.scratch = null;
        copy.one = new byte[1];
        return copy;
    }
}
