package io.wharf.registry.internal;

import io.wharf.api.errors.WharfException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.BlobPushOutcome;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.IOSupplier;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Pushes one blob: nothing when the repository has it, a cross-repository mount when the registry has it in
 * another repository, else an upload session (POST) finished by a PUT carrying the digest, which the
 * registry checks. Content of known size goes in one PUT; of unknown size in a PATCH before the PUT.
 */
final class BlobPusher {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final RegistryTransport transport;

    BlobPusher(RegistryTransport transport) {
        this.transport = transport;
    }

    BlobPushOutcome push(Endpoint endpoint, ImageReference repo, Descriptor blob, IOSupplier<InputStream> content,
            Optional<ImageReference> mountFrom, Credentials credentials, LongConsumer progress) {
        String pushScope = DistributionClient.scope(repo, "pull,push");
        if (DistributionClient.blobExistsAt(transport, endpoint, repo, blob.digest(), List.of(pushScope),
                credentials)) {
            return BlobPushOutcome.EXISTS;
        }
        String uploads = "/v2/" + repo.path() + "/blobs/uploads/";
        HttpResponse<InputStream> started;
        Optional<ImageReference> from = mountFrom.filter(m -> m.domain().equals(repo.domain())
                && !m.path().equals(repo.path()));
        if (from.isPresent()) {
            URI mount = endpoint.resolve(uploads + "?mount=" + encode(blob.digest()) + "&from="
                    + encode(from.get().path()));
            List<String> scopes = List.of(pushScope, DistributionClient.scope(from.get(), "pull"));
            started = transport.send(endpoint, scopes, credentials, () -> post(mount));
            if (started.statusCode() == 201) {
                RegistryErrors.read(started.body(), transport.json());
                return BlobPushOutcome.MOUNTED;
            }
        } else {
            URI start = endpoint.resolve(uploads);
            started = transport.send(endpoint, List.of(pushScope), credentials, () -> post(start));
        }
        URI location = location(endpoint, started, "start the upload");

        if (blob.size() < 0) {
            HttpResponse<InputStream> patched = transport.send(endpoint, List.of(pushScope), credentials,
                    () -> HttpRequest.newBuilder(location).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/octet-stream")
                            .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(stream(content, progress))));
            URI next = location(endpoint, patched, "upload the content");
            URI finish = withDigest(next, blob.digest());
            expectCreated(transport.send(endpoint, List.of(pushScope), credentials,
                    () -> HttpRequest.newBuilder(finish).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.noBody())), blob);
        } else {
            URI finish = withDigest(location, blob.digest());
            expectCreated(transport.send(endpoint, List.of(pushScope), credentials,
                    () -> HttpRequest.newBuilder(finish).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(stream(content, progress)),
                                    blob.size()))), blob);
        }
        return BlobPushOutcome.UPLOADED;
    }

    private static HttpRequest.Builder post(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private URI location(Endpoint endpoint, HttpResponse<InputStream> response, String what) {
        if (response.statusCode() != 202) {
            throw failure(response, what);
        }
        RegistryErrors.read(response.body(), transport.json());
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new WharfException("registry did not return an upload location"));
        return response.uri().resolve(location);
    }

    private void expectCreated(HttpResponse<InputStream> response, Descriptor blob) {
        if (response.statusCode() != 201 && response.statusCode() != 204) {
            throw failure(response, "upload " + blob.digest());
        }
        RegistryErrors.read(response.body(), transport.json());
    }

    private WharfException failure(HttpResponse<InputStream> response, String what) {
        String message = RegistryErrors.describe(RegistryErrors.read(response.body(), transport.json()),
                response.statusCode());
        return DistributionClient.error(response.statusCode(), message);
    }

    // Each call opens the content anew, so that a retried request sends it again from the start.
    private static java.util.function.Supplier<InputStream> stream(IOSupplier<InputStream> content,
            LongConsumer progress) {
        return () -> {
            try {
                return new CountingInputStream(content.get(), progress);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static URI withDigest(URI location, String digest) {
        String s = location.toString();
        return URI.create(s + (location.getRawQuery() == null ? "?" : "&") + "digest=" + encode(digest));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Reports the bytes read so far. */
    private static final class CountingInputStream extends FilterInputStream {
        private final LongConsumer progress;
        private long count;

        CountingInputStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress == null ? n -> { } : progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.accept(count);
            }
            return n;
        }
    }
}
