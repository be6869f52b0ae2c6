import Glibc

/// Expands a file pattern relative to a folder, as pipelines write their inputs.
enum Glob {
    /// The files matching `pattern` (relative to `base` unless absolute), sorted by UTF-8 bytes,
    /// each as (absolute-ish path, path relative to `base` as the outputs write it).
    /// - Parameter base: an absolute folder (the pipeline file's).
    static func expand(_ pattern: String, base: String) -> [(path: String, display: String)] {
        let full = pattern.hasPrefix("/") ? pattern : base + "/" + pattern
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(full, 0, nil, &g) == 0 else { return [] }
        var result: [(String, String)] = []
        for i in 0..<Int(g.gl_pathc) {
            guard let p = g.gl_pathv[i] else { continue }
            let path = String(cString: p)
            result.append((path, relative(path, to: base)))
        }
        return result.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
    }

    /// `path` relative to the folder `base` (both absolute), read lexically: `.` and empty
    /// segments dropped, `..` taken back, and `..` segments where `path` lies outside `base`
    /// (the contract writes every file path relative to the pipeline file; symbolic links are
    /// not followed).
    static func relative(_ path: String, to base: String) -> String {
        func segments(_ p: String) -> [Substring] {
            var out: [Substring] = []
            for s in p.split(separator: "/", omittingEmptySubsequences: true) where s != "." {
                if s == ".." { _ = out.popLast() } else { out.append(s) }
            }
            return out
        }
        let to = segments(path), from = segments(base)
        var common = 0
        while common < min(to.count, from.count) && to[common] == from[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }
}
