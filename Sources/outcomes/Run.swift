import ArgumentParser
import Foundation
import Logging
import OutcomesCore

/// `outcomes run`: the whole pipeline, publishing the output folder.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline and publish its outputs.",
        discussion: """
            Quiet when stdout is not a terminal (for cron); prints the outputs folder and the \
            headline figures on a terminal or with --verbose.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Write the outputs here instead of the pipeline's `output:` folder.")
    var output: String?

    @Option(parsing: .unconditional, help: "Seconds to wait for another run holding the output folder's lock.")
    var wait: Double = 0

    @Flag(help: "Rewrite the outputs even when nothing changed since the last published run.")
    var force = false

    @Option(help: "Only leads and contracts dated on or after this day (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Only leads and contracts dated on or before this day (YYYY-MM-DD).")
    var to: String?

    @Option(help: "Only leads of this event (and the contracts attributed to them).")
    var event: String?

    @Flag(help: "Write CSV outputs for Excel: UTF-8 BOM and formula-like text neutralized.")
    var excelCSV = false

    func validate() throws {
        if let from, DateParser.parse(from) == nil { throw ValidationError("--from '\(from)' is not a date (YYYY-MM-DD)") }
        if let to, DateParser.parse(to) == nil { throw ValidationError("--to '\(to)' is not a date (YYYY-MM-DD)") }
        guard wait >= 0 else { throw ValidationError("--wait must be 0 or more seconds") }
    }

    func run() throws {
        let console = Console(verbose: common.verbose)
        do {
            let definition = try PipelineDefinition.load(path: common.pipeline)
            var options = PipelineRunner.Options(threads: common.threads, chunkBytes: common.chunkBytes, output: output)
            options.wait = wait
            options.force = force
            options.scope = Scope(from: from.flatMap { DateParser.parse($0) }, to: to.flatMap { DateParser.parse($0) }, event: event)
            options.excelCSV = excelCSV ? true : nil
            options.logger = console.logger
            let bar = console.showsProgress ? ProgressBar() : nil
            if let bar { options.progress = { bar.report($0) } }
            let result = Result { try PipelineRunner(definition: definition, options: options).run() }
            bar?.finish()
            let report = try result.get()
            // The run's rows (millions of them, in a big run) are not freed one by one: that
            // took a quarter of a second on one core at the end of a 5M-lead run, while the
            // process's exit hands all of its memory back at once.
            withExtendedLifetime(report) {
                if console.talks { show(report, console: console) }
                Foundation.exit(0)
            }
        } catch {
            throw ExitCodes.fail(error)
        }
    }

    /// The outputs folder and the headline figures (and the row counts with --verbose).
    private func show(_ report: PipelineRunner.Report, console: Console) {
        guard let outcome = report.outcome, let ingest = report.ingest else {
            print("nothing changed since the last published run: \(report.outputFolder) (use --force to rewrite)")
            return
        }
        if common.verbose { console.printCounts(ingest) }
        let s = outcome.summary
        print("outputs: \(report.outputFolder)")
        print("leads \(s.leads) · export value USD \(NumberFormat.usd(cents: s.exportCents)) · "
              + "conversion rate \(NumberFormat.fraction(Int64(s.convertedLeads), Int64(s.leads))) · "
              + "rows rejected \(s.rows.rejected) of \(s.rows.read)")
    }
}
