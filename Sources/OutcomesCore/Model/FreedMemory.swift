/// Hands memory that glibc's malloc keeps after frees back to the kernel. The ingest's waves,
/// attribution's indexes and the groupings free many blocks of a few megabytes on worker threads;
/// glibc keeps them in per-thread arenas, where they stay resident until reused, while the next
/// stage's big arrays are mapped on their own. Called between stages, it took 50–80 MB off the
/// 5M run's peak. Declared by its C symbol: Glibc's module map does not include <malloc.h>.
enum FreedMemory {
    @_silgen_name("malloc_trim")
    private static func mallocTrim(_ pad: Int) -> Int32

    /// Returns free arena pages to the kernel (glibc's `malloc_trim(0)`).
    static func release() {
        _ = mallocTrim(0)
    }
}
