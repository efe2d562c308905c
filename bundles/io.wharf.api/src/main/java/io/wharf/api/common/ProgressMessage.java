package io.wharf.api.common;

import java.util.Map;

/**
 * One message of a progress stream (pull, push, load, import, build), as the docker CLI draws it.
 *
 * @param id the object the message is about (a layer's short ID), or null
 * @param status the status line ("Downloading", "Pull complete", ...), or null
 * @param stream free text for the output stream (build output), or null
 * @param current bytes done, or -1 when not a byte count
 * @param total bytes in all, or -1 when unknown
 * @param error an error ending the stream, or null
 * @param aux auxiliary data (an image ID, a digest), or null
 */
public record ProgressMessage(String id, String status, String stream, long current, long total, String error,
        Map<String, Object> aux) {

    public static ProgressMessage status(String id, String status) {
        return new ProgressMessage(id, status, null, -1, -1, null, null);
    }

    public static ProgressMessage progress(String id, String status, long current, long total) {
        return new ProgressMessage(id, status, null, current, total, null, null);
    }

    public static ProgressMessage stream(String text) {
        return new ProgressMessage(null, null, text, -1, -1, null, null);
    }

    public static ProgressMessage error(String message) {
        return new ProgressMessage(null, null, null, -1, -1, message, null);
    }

    public static ProgressMessage aux(Map<String, Object> aux) {
        return new ProgressMessage(null, null, null, -1, -1, null, aux);
    }
}
