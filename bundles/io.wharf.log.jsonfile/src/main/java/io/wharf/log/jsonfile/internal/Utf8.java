package io.wharf.log.jsonfile.internal;

/** UTF-8 validity as Go's {@code utf8.DecodeRune} judges it, so that invalid bytes are replaced where dockerd does. */
final class Utf8 {
    private Utf8() {
    }

    /** The length of the valid sequence starting at {@code i} (a non-ASCII lead byte), or 0 when invalid. */
    static int sequenceLength(byte[] s, int i) {
        int b0 = s[i] & 0xff;
        int need;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            need = 1;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            need = 2;
            if (b0 == 0xe0) {
                lo = 0xa0;
            } else if (b0 == 0xed) {
                hi = 0x9f;
            }
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            need = 3;
            if (b0 == 0xf0) {
                lo = 0x90;
            } else if (b0 == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return 0;
        }
        if (i + need >= s.length) {
            return 0;
        }
        int b1 = s[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k <= need; k++) {
            int b = s[i + k] & 0xff;
            if (b < 0x80 || b > 0xbf) {
                return 0;
            }
        }
        return need + 1;
    }
}
