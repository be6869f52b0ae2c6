/// Turns a record's field bytes into trimmed Strings in the file's encoding.
public final class FieldDecoder {
    /// How fields are decoded.
    public enum Mode {
        /// The whole file was checked to be valid UTF-8: no per-field check.
        case validatedUTF8
        /// Declared UTF-8 that was not valid as a whole: each field is checked.
        case checkedUTF8
        /// A legacy encoding through iconv, one field at a time.
        case iconv(IconvDecoder)
        /// Text already converted to UTF-8 in bulk, where U+FFFD marks bytes that did not decode.
        case markedUTF8
    }

    let mode: Mode

    public init(mode: Mode) { self.mode = mode }

    /// Whether a field's bytes can fail to decode (every mode but a file checked whole).
    public var checksBytes: Bool {
        if case .validatedUTF8 = mode { return false }
        return true
    }

    /// A decoder for `encoding`, given whether the file was found to be valid UTF-8.
    public static func make(for encoding: TextEncoding, fileIsValidUTF8: Bool) -> FieldDecoder {
        switch encoding {
        case .utf8:
            return FieldDecoder(mode: fileIsValidUTF8 ? .validatedUTF8 : .checkedUTF8)
        case .cp949, .gb18030:
            // glibc always ships both converters; a missing one is a broken installation.
            let name = encoding == .cp949 ? "CP949" : "GB18030"
            guard let d = IconvDecoder(from: name) else { preconditionFailure("glibc iconv lacks \(name)") }
            return FieldDecoder(mode: .iconv(d))
        }
    }

    /// True when the bytes hold U+FFFD (EF BF BD), the mark of an undecodable sequence.
    static func containsReplacement(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 2 < b.count {
            if b[i] == 0xEF && b[i + 1] == 0xBF && b[i + 2] == 0xBD { return true }
            i += 1
        }
        return false
    }

    /// The field's text, trimmed; nil when its bytes cannot be decoded.
    public func string(_ record: CSVRecord, _ index: Int) -> String? {
        guard index < record.fieldCount else { return "" }
        let raw: String? = record.withField(index) { bytes in
            switch mode {
            case .validatedUTF8:
                return String(decoding: bytes, as: UTF8.self)
            case .checkedUTF8:
                return UTF8Validation.isValid(UnsafeRawBufferPointer(bytes)) ? String(decoding: bytes, as: UTF8.self) : nil
            case .iconv(let decoder):
                return decoder.decode(bytes)
            case .markedUTF8:
                return Self.containsReplacement(bytes) ? nil : String(decoding: bytes, as: UTF8.self)
            }
        }
        return raw.map(TextFold.trim)
    }
}
