#define _GNU_SOURCE
/* A small HTTP/1.1 keep-alive load generator for Unix sockets: N connections, each sending one request
 * and reading its whole response before the next, for a fixed time. Prints requests per second. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static const char *sock_path;
static char request[512];
static size_t request_len;
static volatile int stop_flag;

struct worker { long count; long errors; };

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int connect_sock(void) {
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    strncpy(a.sun_path, sock_path, sizeof(a.sun_path) - 1);
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) { close(fd); return -1; }
    return fd;
}

/* Reads one response: headers, then Content-Length bytes or chunks. Returns 0 on success. */
static int read_response(int fd, char *buf, size_t cap) {
    size_t have = 0;
    char *body;
    for (;;) {
        ssize_t n = read(fd, buf + have, cap - have - 1);
        if (n <= 0) return -1;
        have += n;
        buf[have] = 0;
        body = strstr(buf, "\r\n\r\n");
        if (body) break;
    }
    body += 4;
    size_t head = body - buf;
    char *cl = strcasestr(buf, "\r\nContent-Length:");
    if (cl && cl < body) {
        size_t len = strtoul(cl + 17, NULL, 10);
        while (have - head < len) {
            ssize_t n = read(fd, buf + have, cap - have - 1);
            if (n <= 0) return -1;
            have += n;
        }
        return 0;
    }
    /* chunked: read until the terminating zero-size chunk */
    while (!strstr(body, "\r\n0\r\n\r\n") && !(body[0] == '0' && strstr(body, "0\r\n\r\n") == body)) {
        ssize_t n = read(fd, buf + have, cap - have - 1);
        if (n <= 0) return -1;
        have += n;
        buf[have] = 0;
    }
    return 0;
}

static void *run(void *arg) {
    struct worker *w = arg;
    char *buf = malloc(1 << 20);
    int fd = connect_sock();
    while (!stop_flag) {
        if (fd < 0) { w->errors++; fd = connect_sock(); continue; }
        if (write(fd, request, request_len) != (ssize_t)request_len || read_response(fd, buf, 1 << 20) != 0) {
            w->errors++; close(fd); fd = connect_sock(); continue;
        }
        w->count++;
    }
    if (fd >= 0) close(fd);
    free(buf);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: %s SOCKET PATH CONNECTIONS SECONDS\n", argv[0]); return 2; }
    sock_path = argv[1];
    int conns = atoi(argv[3]);
    double secs = atof(argv[4]);
    request_len = snprintf(request, sizeof(request), "GET %s HTTP/1.1\r\nHost: docker\r\n\r\n", argv[2]);
    pthread_t t[64];
    struct worker w[64] = {0};
    double start = now();
    for (int i = 0; i < conns; i++) pthread_create(&t[i], NULL, run, &w[i]);
    while (now() - start < secs) usleep(10000);
    stop_flag = 1;
    long total = 0, errors = 0;
    for (int i = 0; i < conns; i++) { pthread_join(t[i], NULL); total += w[i].count; errors += w[i].errors; }
    double elapsed = now() - start;
    printf("%.0f req/s (%ld requests, %ld errors, %d connections, %.1f s)\n", total / elapsed, total, errors, conns, elapsed);
    return errors > 0 && total == 0;
}
