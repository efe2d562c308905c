package io.wharf.api.container;

import io.wharf.api.common.Filters;

/**
 * {@code GET /containers/json}'s arguments.
 *
 * @param limit the newest N containers, or -1
 * @param filters id, name, label, status, ancestor, exited, before, since, volume, network, health, publish,
 *     expose, is-task
 */
public record ListOptions(boolean all, int limit, boolean size, Filters filters) {
}
