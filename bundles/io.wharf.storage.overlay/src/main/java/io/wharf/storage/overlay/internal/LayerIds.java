package io.wharf.storage.overlay.internal;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * Layer IDs become directory names beside {@code l/}: only plain names are accepted, never anything that walks
 * elsewhere or takes the name of the link directory.
 */
final class LayerIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private LayerIds() {
    }

    static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.equals(OverlayLayout.LINKS);
    }

    static String check(String id) {
        if (!valid(id)) {
            throw new InvalidArgumentException("invalid layer ID: " + id);
        }
        return id;
    }
}
