package io.wharf.api.container;

import java.util.List;

/** A created container's ID, with warnings for the user. */
public record CreateResult(String id, List<String> warnings) {
}
