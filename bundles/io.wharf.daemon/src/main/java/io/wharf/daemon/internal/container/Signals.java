package io.wharf.daemon.internal.container;

/** Signal names and numbers, read by the API's one parser. */
final class Signals {
    private Signals() {
    }

    static int parse(String signal) {
        return io.wharf.api.value.Signal.parse(signal);
    }
}
