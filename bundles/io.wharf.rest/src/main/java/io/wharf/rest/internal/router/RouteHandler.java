package io.wharf.rest.internal.router;

/**
 * Handles one matched request: parses it, calls an engine service, writes the answer. An exception thrown
 * before the response is committed becomes a JSON error with the status its type maps to.
 */
@FunctionalInterface
public interface RouteHandler {
    void handle(ApiRequest request, ApiResponse response) throws Exception;
}
