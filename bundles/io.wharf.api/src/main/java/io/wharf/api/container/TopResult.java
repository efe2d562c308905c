package io.wharf.api.container;

import java.util.List;

/** {@code docker top}: ps column titles and one row per process. */
public record TopResult(List<String> titles, List<List<String>> processes) {
}
