import Dispatch
import Synchronization
import XCTest
@testable import OutcomesCore

final class ParallelMapTests: XCTestCase {
    func testMapKeepsItemOrderForEveryThreadCount() {
        for threads in [1, 2, 3, 8] {
            let squares = ParallelMap.map(count: 100, threads: threads, makeState: { () }) { _, i in i * i }
            XCTAssertEqual(squares, (0..<100).map { $0 * $0 }, "threads \(threads)")
        }
    }

    /// Workers taking turns: results in item order, every item once, each worker's items in
    /// increasing order (the merge relies on it), with one worker much slower than the others.
    func testTakingTurnsKeepsItemOrderAndEachWorkersOrder() {
        final class Worker { var items: [Int] = [] }
        for threads in [1, 2, 3] {
            let workers = (0..<threads).map { _ in Worker() }
            let out = ParallelMap.mapTakingTurns(count: 60, workers: workers) { worker, i -> Int in
                if worker === workers[0] && threads > 1 { usleep(5_000) }
                worker.items.append(i)
                return i * 7
            }
            XCTAssertEqual(out, (0..<60).map { $0 * 7 }, "threads \(threads)")
            XCTAssertEqual(workers.flatMap(\.items).sorted(), Array(0..<60))
            for w in workers { XCTAssertEqual(w.items, w.items.sorted()) }
        }
    }

    func testStreamHandsResultsOverInOrderEvenWhenLaterItemsFinishFirst() {
        for threads in [1, 2, 4] {
            var seen: [Int] = []
            ParallelMap.stream(count: 40, threads: threads, { i in
                // Early items take longest, so later ones are ready first.
                if i % 4 == 0 { usleep(UInt32(2_000 * (4 - i % 8 / 2))) }
                return i * 3
            }, consume: { seen.append($0) })
            XCTAssertEqual(seen, (0..<40).map { $0 * 3 }, "threads \(threads)")
        }
    }

    /// A nested concurrentPerform runs on one thread; `stream` inside `map`'s worker must still
    /// run its items on more than one.
    func testStreamInsideAMapWorkerUsesMoreThanOneThread() {
        let results = ParallelMap.map(count: 2, threads: 2, makeState: { () }) { _, outer -> Int in
            guard outer == 0 else { return 0 }
            let running = RunningCount()
            ParallelMap.stream(count: 8, threads: 2, { _ in running.enterAndWait() }, consume: { _ in })
            return running.maximum
        }
        XCTAssertEqual(results[0], 2)
    }

    /// With no helper ever running (Dispatch's workers all busy elsewhere), the caller makes
    /// every item itself; with helpers that start late, each item is still made exactly once.
    func testStreamMakesItemsOnTheCallerWhenNoHelperRuns() {
        var seen: [Int] = []
        ParallelMap.stream(count: 30, threads: 2, { $0 * 5 }, spawn: { _ in }, consume: { seen.append($0) })
        XCTAssertEqual(seen, (0..<30).map { $0 * 5 })

        let made = Mutex([Int]())
        var late: [@Sendable () -> Void] = []
        var seenLate: [Int] = []
        ParallelMap.stream(count: 30, threads: 3, { i in
            made.withLock { $0.append(i) }
            return i
        }, spawn: { late.append($0) }, consume: { i in
            seenLate.append(i)
            // Every fourth item, the helpers queued so far run (on this thread, in the middle).
            if i % 4 == 3 {
                let now = late
                late = []
                for helper in now { helper() }
            }
        })
        XCTAssertEqual(seenLate, Array(0..<30))
        XCTAssertEqual(made.withLock { $0.sorted() }, Array(0..<30))
        // Helpers left queued find nothing to take once the stream is over.
        for helper in late { helper() }
        XCTAssertEqual(made.withLock { $0.count }, 30)
    }

    func testStreamStopsAtAThrowAfterItsItemsFinish() {
        struct Stop: Error {}
        var seen: [Int] = []
        XCTAssertThrowsError(try ParallelMap.stream(count: 50, threads: 3, { $0 }, consume: { i in
            if i == 7 { throw Stop() }
            seen.append(i)
        }))
        XCTAssertEqual(seen, Array(0..<7))
    }
}

/// Counts items running at once: each waits up to a second for a second item to join it.
private final class RunningCount: @unchecked Sendable {
    private let queue = DispatchQueue(label: "running-count")
    private var running = 0
    private(set) var maximum = 0

    func enterAndWait() -> Int {
        queue.sync { running += 1; maximum = max(maximum, running) }
        let deadline = Date().addingTimeInterval(1)
        while Date() < deadline && queue.sync(execute: { maximum }) < 2 { usleep(1_000) }
        queue.sync { running -= 1 }
        return 0
    }
}
