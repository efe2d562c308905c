package io.wharf.api.runtime;

import java.util.Set;

/**
 * The capability sets of a process, as {@code CAP_*} names. Docker gives the same set to bounding, effective and
 * permitted, and nothing to inheritable and ambient; {@link #of(Set)} builds that.
 */
public record Capabilities(Set<String> bounding, Set<String> effective, Set<String> permitted, Set<String> ambient) {
    public static final Capabilities NONE = new Capabilities(Set.of(), Set.of(), Set.of(), Set.of());

    public Capabilities {
        bounding = Set.copyOf(bounding);
        effective = Set.copyOf(effective);
        permitted = Set.copyOf(permitted);
        ambient = Set.copyOf(ambient);
    }

    /** The same capabilities in bounding, effective and permitted, as dockerd sets them. */
    public static Capabilities of(Set<String> caps) {
        return new Capabilities(caps, caps, caps, Set.of());
    }
}
