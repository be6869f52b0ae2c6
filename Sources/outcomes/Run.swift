import ArgumentParser
import Foundation
import OutcomesCore

/// `outcomes run`: the whole pipeline, publishing the output folder.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a pipeline and publish its outputs.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Write the outputs here instead of the pipeline's `output:` folder.")
    var output: String?

    func run() throws {
        do {
            let definition = try PipelineDefinition.load(path: common.pipeline)
            let options = PipelineRunner.Options(threads: common.threads, chunkBytes: common.chunkBytes, output: output)
            let report = try PipelineRunner(definition: definition, options: options).run()
            let s = report.outcome.summary
            print("outputs: \(report.outputFolder)")
            print("leads \(s.leads) · export value USD \(NumberFormat.usd(cents: s.exportCents)) · "
                  + "conversion rate \(NumberFormat.fraction(Int64(s.convertedLeads), Int64(s.leads))) · "
                  + "rows rejected \(s.rows.rejected) of \(s.rows.read)")
        } catch {
            throw ExitCodes.fail(error)
        }
    }
}
