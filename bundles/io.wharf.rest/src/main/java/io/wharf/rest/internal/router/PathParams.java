package io.wharf.rest.internal.router;

/** The values a path pattern captured, by parameter name. */
public final class PathParams {
    static final PathParams NONE = new PathParams(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    PathParams(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** The value of {@code name}, or null when the pattern has no such parameter. */
    public String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }
}
