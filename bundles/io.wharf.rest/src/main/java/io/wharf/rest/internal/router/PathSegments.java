package io.wharf.rest.internal.router;

import io.wharf.api.errors.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one segment of a request path. The router splits the raw path at its literal slashes and
 * decodes each segment once, here, so an image name docker-java sends as {@code library%2Fbusybox} reaches
 * every route as {@code library/busybox} and a {@code %2F} never splits a segment.
 */
final class PathSegments {
    private PathSegments() {
    }

    /** The segment with its percent-escapes decoded as UTF-8; 400 when an escape is malformed. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                continue;
            }
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                throw new InvalidArgumentException("invalid escape sequence in request path \"" + raw
                        + "\": a % must be followed by two hexadecimal digits");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidArgumentException("invalid escape sequence in request path \"" + raw
                    + "\": the escaped bytes are not UTF-8");
        }
    }
}
