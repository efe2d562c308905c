package io.wharf.rest.internal.router;

/**
 * A group of API endpoints. Each router is a DS service of this bundle; the API server collects them all and
 * rebuilds its route table whenever one comes or goes, so a new endpoint group is just a new component.
 */
public interface Router {
    /** Declares this group's routes. Called once each time the route table is rebuilt. */
    void routes(Routes routes);
}
