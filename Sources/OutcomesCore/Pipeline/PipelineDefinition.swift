import Foundation
import Yams

/// A pipeline read from its YAML file: inputs (globs expanded), defaults and the output folder.
///
/// ```yaml
/// name: ciepec-2026
/// inputs:
///   consultations: [../SampleData/ciepec-2026/consultations*.csv]
///   contracts: [../SampleData/ciepec-2026/contracts*.csv]
///   fx_rates: ../SampleData/fx_rates.csv
///   sectors: ../SampleData/sectors.csv
/// defaults: {currency: KRW, event: "CIEPEC 2026 Beijing", attribution_window_days: 365}
/// output: ../out/ciepec-2026
/// ```
public struct PipelineDefinition: Sendable {
    /// One input file and how to read it.
    public struct Input: Sendable {
        public var path: String
        /// The path as outputs show it: relative to the pipeline file.
        public var display: String
        public var table: TableKind
        public var encoding: TextEncoding?
        public var delimiter: UInt8?
        /// The 1-based line of the header (a title row above it is skipped).
        public var headerRow: Int
    }

    public var name: String
    public var file: String
    public var baseDirectory: String
    public var consultations: [Input] = []
    public var contracts: [Input] = []
    public var fxRates: Input
    public var sectors: Input
    public var defaultCurrency = "KRW"
    public var defaultEvent = ""
    public var attributionWindowDays = 365
    public var output: String
    public var excelSerialDates = false
    public var aliases = HeaderAliases()
    /// Keep this many dated runs under the output folder with a `latest` link (nil: one folder, replaced).
    public var keep: Int?
    public var gates = QualityGates()
    /// Which reports to write: csv (the tables and manifest), xlsx, html.
    public var formats: Set<String> = ["csv", "xlsx", "html"]
    /// Write CSV outputs with a UTF-8 BOM and neutralize formula-like text cells, for Excel.
    public var excelCSV = false
    /// The language of report labels: en or ko.
    public var language = "en"

    /// Every input, consultations, contracts, fx_rates and sectors, in that order.
    public var allInputs: [Input] { consultations + contracts + [fxRates, sectors] }

    /// Reads and checks the pipeline at `path`.
    /// - Throws: `PipelineError.pipelineFile` naming the YAML line of an unknown key, a bad value
    ///   or a missing input.
    public static func load(path: String) throws -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.pipelineFile(path: path, line: 0, column: 0, message: "cannot read the pipeline file")
        }
        // UTF-8, or CP949 as Korean Windows' Notepad saves "ANSI" text.
        guard let text = String(data: data, encoding: .utf8)
                ?? data.withUnsafeBytes({ IconvDecoder(from: "CP949")?.decode($0.bindMemory(to: UInt8.self)) }) else {
            throw PipelineError.pipelineFile(path: path, line: 0, column: 0, message: "the pipeline file is neither UTF-8 nor CP949 text")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, column, problem) = Self.describe(error, text: text)
            throw PipelineError.pipelineFile(path: path, line: line, column: column, message: "not valid YAML: \(problem)")
        }
        guard let root, let top = root.mapping else {
            throw PipelineError.pipelineFile(path: path, line: 1, column: 1, message: "expected a mapping with name, inputs, defaults and output")
        }
        var reader = YAMLReader(path: path)
        return try reader.definition(top, root: root)
    }
}

extension PipelineDefinition {
    /// A YAML syntax error as its line and column (0 when it has none) and one line of text:
    /// Yams' own description spans several lines (the source line and a caret under it).
    static func describe(_ error: YamlError, text: String) -> (line: Int, column: Int, problem: String) {
        func joined(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return (mark.line, mark.column, joined(context, problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams marks the mapping's start; the repeat is found in the text: the second line
            // from there that starts with the key at the first one's indentation.
            let key = duplicates.sorted().first ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var first: (line: Int, indent: Int)?
            for n in max(0, context.mark.line - 1)..<lines.count {
                let body = lines[n].drop { $0 == " " }
                let indent = lines[n].count - body.count
                guard body.hasPrefix(key + ":") || body.hasPrefix("\"\(key)\":") || body.hasPrefix("- " + key + ":") else { continue }
                if let f = first {
                    if indent == f.indent { return (n + 1, indent + 1, "'\(key)' is repeated in this mapping (first at line \(f.line))") }
                } else {
                    first = (n + 1, indent)
                }
            }
            return (context.mark.line, context.mark.column, "a key is repeated in this mapping: '\(key)'")
        default:
            let text = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return (0, 0, text)
        }
    }
}

/// Walks the YAML nodes of a pipeline, turning each problem into an error with its line.
struct YAMLReader {
    let path: String
    let base: String

    init(path: String) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        let absolute = dir.hasPrefix("/") ? dir : FileManager.default.currentDirectoryPath + (dir.isEmpty ? "" : "/" + dir)
        base = (absolute as NSString).standardizingPath
    }

    func fail(_ node: Node, _ message: String) -> PipelineError {
        .pipelineFile(path: path, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message)
    }

    func string(_ node: Node, _ what: String) throws -> String {
        guard let s = node.scalar?.string else { throw fail(node, "\(what) must be a text value") }
        return s
    }

    /// Whether the node is YAML's null (`~`, `null`, or nothing after the colon), not a text.
    func isNull(_ node: Node) -> Bool {
        guard let s = node.scalar, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    func entries(_ mapping: Node.Mapping, allowed: [String], in what: String) throws -> [(String, Node, Node)] {
        var result: [(String, Node, Node)] = []
        for (k, v) in mapping {
            let key = try string(k, "a key")
            guard allowed.contains(key) else {
                throw fail(k, "unknown key '\(key)' in \(what); expected one of: \(allowed.joined(separator: ", "))")
            }
            result.append((key, k, v))
        }
        return result
    }

    mutating func definition(_ top: Node.Mapping, root: Node) throws -> PipelineDefinition {
        let allowed = ["name", "inputs", "defaults", "output", "excel_serial_dates", "columns", "keep",
                       "max_rejected_share", "min_leads", "max_unclassified_share", "formats", "excel_csv", "language"]
        var name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var inputsNode: Node?
        var inputsKey: Node?
        var outputValue: String?
        var defaults: (String, String, Int) = ("KRW", "", 365)
        var excelSerial = false
        var columns: [String: String] = [:]
        var keep: Int?
        var gates = QualityGates()
        var formats: Set<String> = ["csv", "xlsx", "html"]
        var excelCSV = false
        var language = "en"
        for (key, keyNode, value) in try entries(top, allowed: allowed, in: "the pipeline") {
            switch key {
            case "keep":
                guard let n = value.scalar.flatMap({ Int.construct(from: $0) }), n >= 1 else { throw fail(value, "keep must be a whole number of runs, 1 or more") }
                keep = n
            case "max_rejected_share", "max_unclassified_share":
                guard let text = value.scalar?.string, let share = ExactDecimal(plain: Substring(text)), !share.isNegative,
                      (share.rounded(toDecimals: 0) ?? 2) <= 1 else {
                    throw fail(value, "\(key) must be a fraction between 0 and 1 (e.g. 0.02)")
                }
                if key == "max_rejected_share" { gates.maxRejectedShare = share } else { gates.maxUnclassifiedShare = share }
            case "min_leads":
                guard let n = value.scalar.flatMap({ Int.construct(from: $0) }), n >= 0 else { throw fail(value, "min_leads must be a whole number, 0 or more") }
                gates.minLeads = n
            case "formats":
                let items: [Node] = value.sequence.map { Array($0) } ?? [value]
                formats = []
                if items.isEmpty || isNull(value) { throw fail(value, "formats needs at least one of csv, xlsx, html") }
                for item in items {
                    let f = try string(item, "a format").lowercased()
                    guard ["csv", "xlsx", "html"].contains(f) else { throw fail(item, "unknown format '\(f)' (use csv, xlsx, html)") }
                    formats.insert(f)
                }
            case "excel_csv":
                guard let b = value.scalar.flatMap({ Bool.construct(from: $0) }) else { throw fail(value, "excel_csv must be true or false") }
                excelCSV = b
            case "language":
                language = try string(value, "language").lowercased()
                guard ["en", "ko"].contains(language) else { throw fail(value, "language must be en or ko") }
            case "name": name = try string(value, "name")
            case "inputs": inputsNode = value; inputsKey = keyNode
            case "output":
                guard !isNull(value), let folder = try? string(value, "output"), !folder.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw fail(value, "output must name a folder (relative to the pipeline file)")
                }
                outputValue = folder
            case "excel_serial_dates":
                guard let b = value.scalar.flatMap({ Bool.construct(from: $0) }) else { throw fail(value, "excel_serial_dates must be true or false") }
                excelSerial = b
            case "columns":
                guard let m = value.mapping else { throw fail(value, "columns must map header names to canonical columns") }
                for (k, v) in m {
                    // Canonical names are lower case; `AMOUNT` means amount, as headers fold.
                    let canonical = try string(v, "a canonical column").trimmingCharacters(in: .whitespaces).lowercased()
                    guard TableKind.allCases.contains(where: { $0.columns.contains(canonical) }) else {
                        throw fail(v, "'\(canonical)' is not a canonical column")
                    }
                    columns[try string(k, "a header name")] = canonical
                }
            default:
                defaults = try readDefaults(value)
            }
        }
        guard let inputsNode, let inputs = inputsNode.mapping else {
            throw fail(inputsKey ?? Node("", Tag(.str)), "the pipeline needs `inputs:` with consultations, contracts, fx_rates and sectors")
        }
        guard let outputValue else {
            throw PipelineError.pipelineFile(path: path, line: 1, column: 1, message: "the pipeline needs `output:` (a folder, relative to the pipeline file)")
        }
        var lists: [TableKind: [PipelineDefinition.Input]] = [:]
        for (key, _, value) in try entries(inputs, allowed: TableKind.allCases.map(\.rawValue), in: "inputs") {
            let table = TableKind(rawValue: key)!
            lists[table] = try files(value, table: table)
        }
        for table in TableKind.allCases where lists[table] == nil {
            throw fail(inputsNode, "inputs lacks `\(table.rawValue):`")
        }
        for table in [TableKind.fxRates, .sectors] where lists[table]!.count != 1 {
            throw fail(inputsNode, "inputs.\(table.rawValue) must name exactly one file, found \(lists[table]!.count)")
        }
        var def = PipelineDefinition(name: name, file: path, baseDirectory: base,
                                     consultations: lists[.consultations]!, contracts: lists[.contracts]!,
                                     fxRates: lists[.fxRates]![0], sectors: lists[.sectors]![0],
                                     output: outputValue.hasPrefix("/") ? outputValue : base + "/" + outputValue)
        (def.defaultCurrency, def.defaultEvent, def.attributionWindowDays) = defaults
        def.excelSerialDates = excelSerial
        def.aliases = HeaderAliases(extra: columns)
        def.keep = keep
        def.gates = gates
        def.formats = formats
        def.excelCSV = excelCSV
        def.language = language
        return def
    }

    func readDefaults(_ node: Node) throws -> (String, String, Int) {
        guard let m = node.mapping else { throw fail(node, "defaults must be a mapping") }
        var result: (String, String, Int) = ("KRW", "", 365)
        for (key, _, value) in try entries(m, allowed: ["currency", "event", "attribution_window_days"], in: "defaults") {
            switch key {
            case "currency":
                let c = try string(value, "defaults.currency").uppercased()
                guard ISO4217.isCode(c) else { throw fail(value, "defaults.currency '\(c)' is not an ISO 4217 code") }
                result.0 = c
            case "event":
                result.1 = isNull(value) ? "" : try string(value, "defaults.event")
            default:
                guard let n = value.scalar.flatMap({ Int.construct(from: $0) }), n >= 0 else {
                    throw fail(value, "attribution_window_days must be a whole number of days, 0 or more")
                }
                result.2 = n
            }
        }
        return result
    }

    /// A file list: a path or glob, a list of them, or mappings with `path` and read options.
    func files(_ node: Node, table: TableKind) throws -> [PipelineDefinition.Input] {
        let items: [Node] = node.sequence.map { Array($0) } ?? [node]
        var result: [PipelineDefinition.Input] = []
        for item in items {
            var pattern: String
            var encoding: TextEncoding?
            var delimiter: UInt8?
            var headerRow = 1
            if let m = item.mapping {
                var p: String?
                for (key, _, value) in try entries(m, allowed: ["path", "encoding", "delimiter", "header_row"], in: "an input") {
                    switch key {
                    case "path": p = try string(value, "path")
                    case "encoding":
                        let name = try string(value, "encoding")
                        guard let e = TextEncoding(name: name) else { throw fail(value, "unknown encoding '\(name)' (use utf-8, cp949 or gb18030)") }
                        encoding = e
                    case "delimiter":
                        let name = try string(value, "delimiter")
                        guard let d = Dialect.delimiter(named: name) else { throw fail(value, "unknown delimiter '\(name)' (use comma, tab or semicolon)") }
                        delimiter = d
                    default:
                        guard let n = value.scalar.flatMap({ Int.construct(from: $0) }), n >= 1 else { throw fail(value, "header_row must be 1 or more") }
                        headerRow = n
                    }
                }
                guard let p else { throw fail(item, "an input mapping needs `path:`") }
                pattern = p
            } else {
                pattern = try string(item, "an input path")
            }
            let matches = Glob.expand(pattern, base: base)
            guard !matches.isEmpty else {
                throw fail(item, "no file matches '\(pattern)' (relative to \(base))")
            }
            // A file named twice (`x.csv` and `./x.csv`, or by a path and a glob) is read once,
            // as first listed.
            for m in matches where !result.contains(where: { $0.display == m.display }) {
                result.append(.init(path: m.path, display: m.display, table: table, encoding: encoding,
                                    delimiter: delimiter, headerRow: headerRow))
            }
        }
        return result.sorted { $0.display.utf8.lexicographicallyPrecedes($1.display.utf8) }
    }
}
