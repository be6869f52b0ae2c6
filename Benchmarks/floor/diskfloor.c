/*
 * diskfloor: the output floor of `make bench`. It writes as many bytes as one `outcomes run`
 * publishes, the way outcomes writes its big files (8 MiB aligned blocks with O_DIRECT, one
 * write in flight, then fsync), into a new file in the given folder, so its time is what the
 * disk under the bench's outputs takes for them at the least. The file is removed afterwards.
 *
 *   cc -O2 -o .build/diskfloor Benchmarks/floor/diskfloor.c
 *   diskfloor BYTES FOLDER
 *
 * Prints one line: bytes B seconds S MB/s R. A file system that refuses O_DIRECT is written the
 * ordinary way (then the fsync does the waiting).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLOCK (8u << 20)
#define ALIGN 4096

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: diskfloor BYTES FOLDER\n");
        return 2;
    }
    char *end;
    long long total = strtoll(argv[1], &end, 10);
    if (*end || total < 0) {
        fprintf(stderr, "diskfloor: bad byte count '%s'\n", argv[1]);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/diskfloor-%d.tmp", argv[2], (int)getpid());
    void *buf;
    if (posix_memalign(&buf, ALIGN, BLOCK) != 0) {
        fprintf(stderr, "diskfloor: out of memory\n");
        return 1;
    }
    /* CSV-like bytes, not zeros (a disk or file system might treat zeros specially). */
    for (size_t i = 0; i < BLOCK; i++) ((char *)buf)[i] = (i % 97 == 96) ? '\n' : (char)('0' + i % 10);
    double start = now();
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0644);
    if (fd < 0 && errno == EINVAL) fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "diskfloor: %s: %s\n", path, strerror(errno));
        return 1;
    }
    long long left = total;
    while (left > 0) {
        size_t n = left >= BLOCK ? BLOCK : (size_t)((left + ALIGN - 1) / ALIGN * ALIGN);
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            fprintf(stderr, "diskfloor: write: %s\n", w < 0 ? strerror(errno) : "short write");
            close(fd);
            unlink(path);
            return 1;
        }
        left -= w;
    }
    if (fsync(fd) != 0) {
        fprintf(stderr, "diskfloor: fsync: %s\n", strerror(errno));
        close(fd);
        unlink(path);
        return 1;
    }
    double seconds = now() - start;
    close(fd);
    unlink(path);
    printf("bytes %lld seconds %.3f MB/s %.1f\n", total, seconds, seconds > 0 ? total / 1e6 / seconds : 0.0);
    return 0;
}
