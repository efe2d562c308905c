package io.wharf.rest.internal.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The API server's configuration ({@link ApiServer#PID}), from daemon.json keys of the same names.
 * Method names map to keys by DS rules: {@code insecure_tcp} is {@code insecure.tcp}.
 */
@ObjectClassDefinition(name = "Wharf API server", description = "Where and how the Docker Engine API listens")
@interface ServerConfig {
    @AttributeDefinition(description = "Addresses as dockerd -H: unix:///path, tcp://host:port")
    String[] hosts() default {"unix:///run/wharf.sock"};

    @AttributeDefinition(description = "Group owning the Unix socket, when that group exists")
    String group() default "docker";

    boolean tls() default false;

    boolean tlsverify() default false;

    String tlscacert() default "";

    String tlscert() default "";

    String tlskey() default "";

    @AttributeDefinition(description = "Allow plain TCP, on loopback addresses only")
    boolean insecure_tcp() default false;

    boolean experimental() default false;

    @AttributeDefinition(description = "Largest JSON request body accepted, in bytes")
    long api_max_json_body() default 16L * 1024 * 1024;
}
