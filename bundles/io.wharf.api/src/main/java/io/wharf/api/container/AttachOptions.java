package io.wharf.api.container;

/**
 * Which streams to attach, and the detach key sequence ({@code ctrl-p,ctrl-q} by default).
 *
 * @param logs replay the stored output first
 * @param stream keep streaming live output
 */
public record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean logs, boolean stream,
        String detachKeys) {
}
