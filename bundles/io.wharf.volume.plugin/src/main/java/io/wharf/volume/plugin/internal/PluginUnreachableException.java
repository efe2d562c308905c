package io.wharf.volume.plugin.internal;

import io.wharf.api.errors.UnavailableException;

/** The plugin could not be reached or did not answer in the protocol's terms. */
final class PluginUnreachableException extends UnavailableException {
    private static final long serialVersionUID = 1L;

    PluginUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
