import Glibc

/// Expands a file pattern relative to a folder, as pipelines write their inputs.
enum Glob {
    /// The files matching `pattern` (relative to `base` unless absolute), sorted by UTF-8 bytes,
    /// each as (absolute-ish path, path as the pipeline writes it).
    static func expand(_ pattern: String, base: String) -> [(path: String, display: String)] {
        let full = pattern.hasPrefix("/") ? pattern : base + "/" + pattern
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(full, 0, nil, &g) == 0 else { return [] }
        var result: [(String, String)] = []
        for i in 0..<Int(g.gl_pathc) {
            guard let p = g.gl_pathv[i] else { continue }
            let path = String(cString: p)
            let display = pattern.hasPrefix("/") ? path : String(path.dropFirst(base.count + 1))
            result.append((path, display))
        }
        return result.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
    }
}
