package io.wharf.api.authz;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An authorization plugin, as Docker's {@code AuthZPlugin}: asked before a request is handled and again
 * before its response is sent. Register with {@link #NAME}; the daemon consults the plugins named in
 * configuration, in order, and the first denial wins.
 */
@ConsumerType
public interface AuthorizationPlugin {
    String NAME = "wharf.authz.name";

    Decision authorizeRequest(Request request);

    Decision authorizeResponse(Request request, int status, Map<String, String> headers);

    /**
     * A request as the plugin sees it.
     *
     * @param user the authenticated user (from the TLS client certificate), or empty
     * @param method the HTTP method
     * @param uri the request URI with its query
     * @param headers the request headers
     * @param body the body when it is JSON and small, else null
     */
    record Request(String user, String method, String uri, Map<String, String> headers, byte[] body) {
    }

    /** Allowed or not, with the message the client sees on denial. */
    record Decision(boolean allow, String message) {
        public static final Decision ALLOW = new Decision(true, null);
    }
}
