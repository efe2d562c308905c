package io.wharf.launcher;

import java.nio.file.Path;

/**
 * A bundle a feature lists: its Maven coordinates and start order.
 *
 * @param groupId    Maven group
 * @param artifactId Maven artifact, also the start of the jar's name
 * @param version    Maven version
 * @param startOrder bundles start in ascending order; ties keep the order of the features and their lines
 */
record FeatureBundle(String groupId, String artifactId, String version, int startOrder) {

    /** Parses {@code groupId:artifactId:version} (a type or classifier in between is not used by Wharf). */
    static FeatureBundle parse(String id, int startOrder) {
        String[] parts = id.split(":");
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("bundle id \"" + id + "\" is not groupId:artifactId:version");
        }
        return new FeatureBundle(parts[0], parts[1], parts[2], startOrder);
    }

    /** The jar in the distribution's {@code bundle/} directory: {@code <artifactId>-<version>.jar}. */
    Path jarIn(Path bundleDir) {
        return bundleDir.resolve(artifactId + "-" + version + ".jar");
    }

    String id() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
