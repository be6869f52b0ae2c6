// Small C helpers for the hot loops, seen through the CHints module: hints Swift has no
// spelling for, and SSE2 where Swift has no portable way to it. (SwiftPM does not rebuild
// OutcomesCore when only this header changes: touch a Swift file that imports CHints.)

/// Asks for the cache line holding `p` to be brought in ahead of a read (a hint: it never
/// faults, whatever `p` is, and the code around it does not wait for it).
static inline void outcomes_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}

#include <stddef.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Splits one line that holds no quote, CR or LF at `delimiter`, as libcsv splits it: each
/// field trimmed of blanks and tabs (unless one is the delimiter), and a line of nothing but
/// those has no fields. Writes each field's start and end offset; returns the number of fields
/// (with the sum of their lengths in `*total`), or -1 when there are more than `capacity`.
/// Sixteen bytes are searched for the delimiter at a time.
static inline long outcomes_split_plain(const unsigned char *p, long n, unsigned char delimiter,
                                        long *starts, long *ends, long capacity, long *total) {
#define OUTCOMES_BLANK(b) (((b) == ' ' || (b) == '\t') && (b) != delimiter)
    long first = 0;
    while (first < n && OUTCOMES_BLANK(p[first])) first++;
    *total = 0;
    if (first == n) return 0;
    long count = 0, from = 0, sum = 0;
#define OUTCOMES_FIELD(to) do { \
        long a = from, z = (to); \
        while (a < z && OUTCOMES_BLANK(p[a])) a++; \
        while (z > a && OUTCOMES_BLANK(p[z - 1])) z--; \
        if (count == capacity) return -1; \
        starts[count] = a; ends[count] = z; count++; sum += z - a; \
        from = (to) + 1; \
    } while (0)
    long i = 0;
#if defined(__SSE2__)
    const __m128i d = _mm_set1_epi8((char)delimiter);
    for (; i + 16 <= n; i += 16) {
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + i)), d));
        while (m) {
            long at = i + __builtin_ctz(m);
            OUTCOMES_FIELD(at);
            m &= m - 1;
        }
    }
    if (i < n && n >= 16) {
        // The last bytes: the sixteen that end the line, those before `i` shifted out.
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + n - 16)), d));
        m >>= 16 - (n - i);
        while (m) {
            long at = i + __builtin_ctz(m);
            OUTCOMES_FIELD(at);
            m &= m - 1;
        }
        i = n;
    }
#endif
    for (; i < n; i++) {
        if (p[i] == delimiter) OUTCOMES_FIELD(i);
    }
    OUTCOMES_FIELD(n);
    *total = sum;
    return count;
#undef OUTCOMES_FIELD
#undef OUTCOMES_BLANK
}
