/*
 * csvfloor: the floor of `make bench`. It only parses CSV files with libcsv (the parser
 * `outcomes` uses), with callbacks that count fields and rows and do nothing else, so its time is
 * what reading and tokenizing the bytes costs at the least.
 *
 *   cc -O2 -o .build/csvfloor Benchmarks/floor/csvfloor.c -lcsv -lpthread
 *   csvfloor [-t THREADS] FILE...
 *
 * Each file is memory-mapped (MADV_SEQUENTIAL) and fed to csv_parse in 1 MiB blocks, with
 * csv_init(&p, 0) (RFC 4180 defaults: comma, double quote). Prints one line:
 *   rows R fields F bytes B threads T
 *
 * With -t N (N > 1) the work is cut into pieces that N pthreads parse with their own parser:
 * a file larger than 1 MiB is cut into N pieces of about equal size at a newline, and the pieces
 * are handed out largest first to the least-loaded thread. Cutting at any newline is only correct
 * when no quoted field holds a newline: the clean set written by bench-generate has none (its
 * quoted fields, if any, hold only commas and quotes), so the counts are the same for every N.
 * Header rows are counted as rows.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK (1u << 20)
#define MAX_PIECES 4096

struct counts {
    unsigned long long fields;
    unsigned long long rows;
};

struct piece {
    const char *start;
    size_t len;
};

struct worker {
    pthread_t thread;
    struct piece *pieces[MAX_PIECES];
    int npieces;
    size_t load;
    struct counts counts;
    int failed;
};

static void on_field(void *s, size_t len, void *data) {
    (void)s;
    (void)len;
    ((struct counts *)data)->fields++;
}

static void on_row(int c, void *data) {
    (void)c;
    ((struct counts *)data)->rows++;
}

static int parse_piece(const struct piece *pc, struct counts *counts) {
    struct csv_parser p;
    if (csv_init(&p, 0) != 0) return -1;
    size_t off = 0;
    while (off < pc->len) {
        size_t n = pc->len - off < BLOCK ? pc->len - off : BLOCK;
        if (csv_parse(&p, pc->start + off, n, on_field, on_row, counts) != n) {
            fprintf(stderr, "csvfloor: %s\n", csv_strerror(csv_error(&p)));
            csv_free(&p);
            return -1;
        }
        off += n;
    }
    csv_fini(&p, on_field, on_row, counts);
    csv_free(&p);
    return 0;
}

static void *run_worker(void *arg) {
    struct worker *w = arg;
    for (int i = 0; i < w->npieces; i++)
        if (parse_piece(w->pieces[i], &w->counts) != 0) w->failed = 1;
    return NULL;
}

static int by_len_desc(const void *a, const void *b) {
    const struct piece *x = a, *y = b;
    return x->len < y->len ? 1 : (x->len > y->len ? -1 : 0);
}

int main(int argc, char **argv) {
    int threads = 1;
    int opt;
    while ((opt = getopt(argc, argv, "t:")) != -1) {
        if (opt == 't') threads = atoi(optarg);
        else {
            fprintf(stderr, "usage: csvfloor [-t THREADS] FILE...\n");
            return 2;
        }
    }
    if (threads < 1 || threads > 64 || optind >= argc) {
        fprintf(stderr, "usage: csvfloor [-t THREADS] FILE...\n");
        return 2;
    }

    static struct piece pieces[MAX_PIECES];
    int npieces = 0;
    unsigned long long bytes = 0;
    for (int i = optind; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0) {
            fprintf(stderr, "csvfloor: %s: %s\n", argv[i], strerror(errno));
            return 3;
        }
        size_t size = (size_t)st.st_size;
        bytes += size;
        if (size == 0) {
            close(fd);
            continue;
        }
        const char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (map == MAP_FAILED) {
            fprintf(stderr, "csvfloor: %s: %s\n", argv[i], strerror(errno));
            return 3;
        }
        madvise((void *)map, size, MADV_SEQUENTIAL);
        int cuts = size > BLOCK ? threads : 1;
        size_t from = 0;
        for (int k = 1; k <= cuts && from < size; k++) {
            size_t to = k == cuts ? size : size / cuts * k;
            if (to < from) to = from;
            while (to < size && map[to - 1] != '\n') to++;  /* end just after a newline */
            if (npieces == MAX_PIECES) {
                fprintf(stderr, "csvfloor: too many pieces\n");
                return 2;
            }
            pieces[npieces].start = map + from;
            pieces[npieces].len = to - from;
            npieces++;
            from = to;
        }
    }

    qsort(pieces, npieces, sizeof pieces[0], by_len_desc);
    struct worker *workers = calloc(threads, sizeof *workers);
    for (int i = 0; i < npieces; i++) {
        struct worker *least = &workers[0];
        for (int t = 1; t < threads; t++)
            if (workers[t].load < least->load) least = &workers[t];
        least->pieces[least->npieces++] = &pieces[i];
        least->load += pieces[i].len;
    }

    if (threads == 1) {
        run_worker(&workers[0]);
    } else {
        for (int t = 0; t < threads; t++) pthread_create(&workers[t].thread, NULL, run_worker, &workers[t]);
        for (int t = 0; t < threads; t++) pthread_join(workers[t].thread, NULL);
    }

    struct counts total = {0, 0};
    int failed = 0;
    for (int t = 0; t < threads; t++) {
        total.fields += workers[t].counts.fields;
        total.rows += workers[t].counts.rows;
        failed |= workers[t].failed;
    }
    printf("rows %llu fields %llu bytes %llu threads %d\n", total.rows, total.fields, bytes, threads);
    free(workers);
    return failed ? 1 : 0;
}
