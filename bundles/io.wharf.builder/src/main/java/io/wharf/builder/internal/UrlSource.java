package io.wharf.builder.internal;

import io.wharf.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * {@code ADD <url>}: the file is downloaded into the build's directory, named after the URL's last path element,
 * with mode 0600 and the server's {@code Last-Modified} time, as the classic builder does.
 */
final class UrlSource {
    private final Path work;

    UrlSource(Path work) {
        this.work = work;
    }

    Path download(String url) throws IOException {
        URI uri = URI.create(url);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            name = "__unnamed__";
        }
        Path dir = Files.createDirectories(work.resolve("url-" + UUID.randomUUID()));
        Path file = dir.resolve(name);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<Path> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofFile(file));
            if (r.statusCode() >= 400) {
                throw new InvalidArgumentException("failed to GET " + url + " with status " + r.statusCode());
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            r.headers().firstValue("Last-Modified").ifPresent(lm -> {
                try {
                    Files.setLastModifiedTime(file, FileTime.from(ZonedDateTime.parse(lm,
                            DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
                } catch (IOException | RuntimeException e) {
                    // the time is only informative
                }
            });
            return file;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url);
        } catch (IOException e) {
            throw new InvalidArgumentException("failed to download " + url + ": " + e.getMessage());
        }
    }
}
