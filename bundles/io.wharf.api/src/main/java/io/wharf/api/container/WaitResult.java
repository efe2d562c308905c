package io.wharf.api.container;

/** A container's exit: its code, and an error message when waiting failed. */
public record WaitResult(int statusCode, String error) {
}
