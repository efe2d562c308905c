package io.wharf.rest.internal.server;

import io.wharf.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Turns listen addresses into Jetty connectors, enforcing the TCP rules: TLS from PEM files, client
 * certificates when verifying, and plain TCP only on loopback addresses when explicitly allowed.
 */
final class ConnectorFactory {
    private final ServerSettings settings;

    ConnectorFactory(ServerSettings settings) {
        this.settings = settings;
    }

    AbstractConnector create(Server server, ListenAddress address) {
        AbstractConnector connector;
        if (address instanceof ListenAddress.Unix unix) {
            UnixDomainServerConnector c = new UnixDomainServerConnector(server, http());
            c.setUnixDomainPath(unix.path());
            connector = c;
        } else {
            ListenAddress.Tcp tcp = (ListenAddress.Tcp) address;
            ServerConnector c;
            if (settings.tls() || settings.tlsVerify()) {
                c = new ServerConnector(server, new SslConnectionFactory(tls(), HttpVersion.HTTP_1_1.asString()),
                        https());
            } else {
                checkPlainTcpAllowed(tcp);
                c = new ServerConnector(server, http());
            }
            c.setHost(tcp.host().isEmpty() ? null : tcp.host());
            c.setPort(tcp.port());
            connector = c;
        }
        // like dockerd, never close a connection for being quiet: event streams and waits stay open for hours
        connector.setIdleTimeout(0);
        return connector;
    }

    private HttpConnectionFactory http() {
        return new HttpConnectionFactory(configuration());
    }

    private HttpConnectionFactory https() {
        HttpConfiguration config = configuration();
        // clients reach the daemon by IP as often as by name (DOCKER_HOST=tcp://10.0.0.5:2376): the
        // certificate check is the client's job, the server must not insist the Host matches it
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        secure.setSniRequired(false);
        config.addCustomizer(secure);
        return new HttpConnectionFactory(config);
    }

    private HttpConfiguration configuration() {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        // X-Registry-Auth and X-Registry-Config carry base64 JSON that can exceed Jetty's 8 KiB default
        config.setRequestHeaderSize(256 * 1024);
        config.setResponseHeaderSize(64 * 1024);
        // docker-java encodes the slashes of image names (/images/library%2Fbusybox/json) and other clients
        // escape colons and more: accept every escape on the wire, the router decodes segments itself
        config.setUriCompliance(UriCompliance.UNSAFE);
        return config;
    }

    private void checkPlainTcpAllowed(ListenAddress.Tcp tcp) {
        String where = "tcp://" + (tcp.host().contains(":") ? "[" + tcp.host() + "]" : tcp.host()) + ":" + tcp.port();
        if (!isLoopback(tcp.host())) {
            throw new InvalidArgumentException("refusing to serve the API on " + where + " without TLS: "
                    + "configure tlsverify with tlscacert, tlscert and tlskey; plain TCP is only allowed on "
                    + "loopback addresses with insecure.tcp");
        }
        if (!settings.insecureTcp()) {
            throw new InvalidArgumentException("refusing to serve the API on " + where + " without TLS: "
                    + "set insecure.tcp to allow plain TCP on a loopback address, or configure TLS");
        }
    }

    private static boolean isLoopback(String host) {
        if (host.isEmpty()) {
            return false;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            throw new InvalidArgumentException("cannot resolve API listen address " + host);
        }
    }

    private SslContextFactory.Server tls() {
        if (settings.cert() == null || settings.key() == null) {
            throw new InvalidArgumentException("TLS needs both tlscert and tlskey");
        }
        if (settings.tlsVerify() && settings.caCert() == null) {
            throw new InvalidArgumentException("tlsverify needs tlscacert: the CA client certificates must chain to");
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        try {
            KeyStore identity = PemKeyStore.identity(settings.cert(), settings.key());
            ssl.setKeyStore(identity);
            ssl.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
            ssl.setKeyManagerPassword(new String(PemKeyStore.PASSWORD));
            if (settings.caCert() != null) {
                ssl.setTrustStore(PemKeyStore.trust(settings.caCert()));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidArgumentException("cannot load TLS files: " + e.getMessage(), e);
        }
        ssl.setIncludeProtocols("TLSv1.2", "TLSv1.3");
        ssl.setEndpointIdentificationAlgorithm(null);
        if (settings.tlsVerify()) {
            ssl.setNeedClientAuth(true);
        }
        return ssl;
    }
}
