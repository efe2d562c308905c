package io.wharf.api.image;

/** One line of {@code docker rmi}'s answer: exactly one of untagged and deleted is set. */
public record DeleteResult(String untagged, String deleted) {
}
