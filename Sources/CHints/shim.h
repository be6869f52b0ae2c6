// Compiler hints Swift has no spelling for, seen through the CHints module.

/// Asks for the cache line holding `p` to be brought in ahead of a read (a hint: it never
/// faults, whatever `p` is, and the code around it does not wait for it).
static inline void outcomes_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}
