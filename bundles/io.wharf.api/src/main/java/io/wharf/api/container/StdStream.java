package io.wharf.api.container;

/** The standard streams, numbered as in Docker's multiplexed stream header. */
public enum StdStream {
    STDIN(0), STDOUT(1), STDERR(2);

    private final int id;

    StdStream(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
