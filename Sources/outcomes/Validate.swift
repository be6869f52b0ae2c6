import ArgumentParser
import Foundation
import OutcomesCore

/// `outcomes validate`: ingest and normalize only; prints per-file counts and the top reject reasons.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a pipeline's inputs: counts and rejects, no outputs.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        do {
            let definition = try PipelineDefinition.load(path: common.pipeline)
            let options = PipelineRunner.Options(threads: common.threads, chunkBytes: common.chunkBytes)
            let result = try PipelineRunner(definition: definition, options: options).ingest()
            Console(verbose: true).printCounts(result)
            let t = result.totals
            print("total: read \(t.read), accepted \(t.accepted), rejected \(t.rejected), duplicate \(t.duplicate)")
            for key in result.unusedColumnMappings(definition.aliases) {
                print("  columns: '\(key)' matches no header of any input (a typo? its column stays unmapped)")
            }
            var reasons: [String: Int] = [:]
            for i in result.issues { reasons[i.reason.rawValue, default: 0] += 1 }
            for (reason, n) in reasons.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(5) {
                print("  \(reason): \(n)")
            }
            for i in result.issues.sorted(by: RowIssue.precedes).prefix(10) {
                print("  \(i.location): \(i.reason.rawValue): \(i.message)")
            }
        } catch {
            throw ExitCodes.fail(error)
        }
    }
}
