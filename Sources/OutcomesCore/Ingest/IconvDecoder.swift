import Glibc

/// Decodes bytes of a legacy encoding (CP949) to UTF-8 Strings; owns one glibc iconv handle.
public final class IconvDecoder {
    private let handle: iconv_t
    private var output: [UInt8] = []

    /// Opens a converter from `encoding` (an iconv name such as `CP949`) to UTF-8.
    /// The corresponding C function is `iconv_open`. Nil when glibc lacks the encoding.
    public init?(from encoding: String) {
        let h = iconv_open("UTF-8", encoding)
        if h == iconv_t(bitPattern: -1) { return nil }
        handle = h!
    }

    deinit { iconv_close(handle) }

    /// Converts a whole chunk of records to UTF-8 in `output` (replacing its contents), in bulk.
    ///
    /// An undecodable or truncated byte sequence becomes U+FFFD, and the count of those is
    /// returned: with none, the output is plain UTF-8; with some, a record holding U+FFFD had bad
    /// bytes (`FieldDecoder.Mode.markedUTF8`; no CP949 character decodes to U+FFFD, and a
    /// GB18030 one that does is then taken for a bad byte too). Line breaks, quotes and
    /// delimiters are ASCII in these encodings and pass through unchanged, so record boundaries
    /// and line numbers stay. The corresponding C function is `iconv`.
    /// - Complexity: O(n), one pass.
    @discardableResult
    public func convert(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Int {
        output.removeAll(keepingCapacity: true)
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        var marks = 0
        _ = iconv(handle, nil, nil, nil, nil)
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
        var inLeft = bytes.count
        output.reserveCapacity(bytes.count + bytes.count / 2)
        while inLeft > 0 {
            let (result, err, produced) = block.withUnsafeMutableBytes { out -> (Int, Int32, Int) in
                var outPtr: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                let r = iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
                return (r, r == -1 ? errno : 0, out.count - outLeft)
            }
            output.append(contentsOf: block[0..<produced])
            if result != -1 || err == E2BIG { continue }
            // EILSEQ (bad sequence) or EINVAL (cut off at the end): mark it and skip one byte.
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            marks += 1
            inPtr = inPtr.map { $0 + 1 }
            inLeft -= 1
            _ = iconv(handle, nil, nil, nil, nil)
        }
        return marks
    }

    /// The bytes decoded to a String, or nil when they hold an undecodable or truncated sequence.
    /// ASCII-only input is converted without iconv. The corresponding C function is `iconv`.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        let capacity = bytes.count * 2 + 16
        if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
        _ = iconv(handle, nil, nil, nil, nil)  // reset shift state
        return output.withUnsafeMutableBufferPointer { out -> String? in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: bytes.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = bytes.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = out.count
            let r = iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
            if r == -1 || inLeft != 0 { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<(out.count - outLeft)]), as: UTF8.self)
        }
    }
}
