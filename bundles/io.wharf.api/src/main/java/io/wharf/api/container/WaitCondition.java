package io.wharf.api.container;

/** What {@code POST /containers/{id}/wait} waits for. */
public enum WaitCondition {
    /** Returns at once when not running, else at the next exit. */
    NOT_RUNNING,
    /** The next exit, even if the container is not running now. */
    NEXT_EXIT,
    /** The container's removal. */
    REMOVED
}
