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
