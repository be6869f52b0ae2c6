import Glibc

/// Swaps two paths in one step with Linux `renameat2(RENAME_EXCHANGE)`, so a reader (or a
/// crash) sees either the old folder or the new one, never neither.
///
/// The Swift Glibc module does not import `renameat2` (it sits behind `_GNU_SOURCE`), so it is
/// declared here by its C symbol; glibc has had it since 2.28.
enum AtomicSwap {
    @_silgen_name("renameat2")
    private static func renameat2(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>, _ newDirectory: Int32,
                                  _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32

    /// `RENAME_EXCHANGE` from linux/fs.h.
    private static let exchange: UInt32 = 2

    /// Exchanges `a` and `b`; false when the kernel or file system cannot (then nothing moved).
    /// The corresponding C function is `renameat2`.
    static func exchange(_ a: String, _ b: String) -> Bool {
        renameat2(AT_FDCWD, a, AT_FDCWD, b, exchange) == 0
    }
}
