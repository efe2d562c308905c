package io.wharf.api.image;

import java.util.List;

/** {@code docker import}'s arguments: where to tag the image, Dockerfile changes, a message, a platform. */
public record ImportOptions(String repo, String tag, List<String> changes, String message, String platform) {
}
