package io.wharf.api.log;

/**
 * What to read back of a log.
 *
 * @param sinceNano only lines at or after this time, or 0
 * @param untilNano only lines before this time, or 0 for no bound
 * @param tail only the last N lines, or -1 for all
 * @param follow keep delivering new lines until the container stops or the reader is closed
 * @param stdout include stdout
 * @param stderr include stderr
 */
public record LogQuery(long sinceNano, long untilNano, int tail, boolean follow, boolean stdout, boolean stderr) {
}
