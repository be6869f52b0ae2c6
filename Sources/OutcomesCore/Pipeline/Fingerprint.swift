import Foundation

/// One hash over everything a run's outputs depend on: tool version, pipeline file, options and
/// each input's sha256. Equal fingerprints mean a rerun would write the same outputs.
enum Fingerprint {
    static func compute(definition d: PipelineDefinition, options: PipelineRunner.Options, inputs: [(String, String)]) -> String {
        var text = "outcomes \(ManifestBuilder.version)\n"
        // The file's text, or its bytes when it is not UTF-8 (a CP949 pipeline): any edit counts.
        let file = FileManager.default.contents(atPath: d.file) ?? Data()
        text += "pipeline " + (String(data: file, encoding: .utf8) ?? file.base64EncodedString()) + "\n"
        text += "scope \(options.scope)\nexcel_csv \(String(describing: options.excelCSV))\n"
        for (display, sha) in inputs { text += "input \(display) \(sha)\n" }
        return SHA256Digest.hex(of: text)
    }

    /// The fingerprint recorded in a published run's manifest.json, if any, and only while
    /// every output the manifest lists is still in the folder (a run with a file deleted since
    /// is run again, not skipped as unchanged).
    static func read(folder: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let outputs = object["outputs"] as? [String] ?? []
        guard outputs.allSatisfy({ FileManager.default.fileExists(atPath: folder + "/" + $0) }) else { return nil }
        return object["fingerprint"] as? String
    }
}
