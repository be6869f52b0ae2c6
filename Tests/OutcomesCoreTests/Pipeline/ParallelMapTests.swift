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
    /// run its items on more than one: at least two at once, at most its three workers (the
    /// caller's and two helpers'; whether the third joins in is Dispatch's timing).
    func testStreamInsideAMapWorkerUsesMoreThanOneThread() {
        let results = ParallelMap.map(count: 2, threads: 2, makeState: { () }) { _, outer -> Int in
            guard outer == 0 else { return 0 }
            let running = RunningCount()
            ParallelMap.stream(count: 8, threads: 2, { _ in running.enterAndWait() }, consume: { _ in })
            return running.maximum
        }
        XCTAssertGreaterThanOrEqual(results[0], 2)
        XCTAssertLessThanOrEqual(results[0], 3)
    }

    /// With no helper ever running (Dispatch's workers all busy elsewhere), the caller makes
    /// every item itself; with helpers that start late, each item is still made exactly once.
    func testStreamMakesItemsOnTheCallerWhenNoHelperRuns() {
        var seen: [Int] = []
        ParallelMap.stream(count: 30, threads: 2, { $0 * 5 }, spawn: { _ in }, consume: { seen.append($0) })
        XCTAssertEqual(seen, (0..<30).map { $0 * 5 })

        let made = Mutex([Int]())
        let late = LateHelpers()
        var seenLate: [Int] = []
        ParallelMap.stream(count: 30, threads: 3, { i in
            made.withLock { $0.append(i) }
            return i
        }, spawn: late.queue, consume: { i in
            seenLate.append(i)
            // Every fourth item, the helpers queued so far run (on this thread, in the middle).
            if i % 4 == 3 { late.runQueued() }
        })
        XCTAssertEqual(seenLate, Array(0..<30))
        XCTAssertEqual(made.withLock { $0.sorted() }, Array(0..<30))
        // Helpers left queued find nothing to take once the stream is over.
        late.runQueued()
        XCTAssertEqual(made.withLock { $0.count }, 30)
    }

    /// Per-worker streaming: results in item order; every item made once; each worker's items
    /// in increasing order (the ingest merge relies on it), with helpers that are slow, that
    /// never run, or that start late; one worker alone makes them in batches.
    func testStreamWithWorkersKeepsOrderPerWorkerAndOverall() {
        final class Worker: @unchecked Sendable {
            let items = Mutex([Int]())
        }
        for helpers in [0, 1, 2, 3] {
            let workers = (0...helpers).map { _ in Worker() }
            var seen: [Int] = []
            ParallelMap.stream(count: 200, workers: workers, window: 6, { worker, i -> Int in
                if worker !== workers[0] && i % 7 == 0 { usleep(2_000) }
                worker.items.withLock { $0.append(i) }
                return i * 3
            }, consume: { seen.append($0) })
            XCTAssertEqual(seen, (0..<200).map { $0 * 3 }, "helpers \(helpers)")
            let all = workers.flatMap { w in w.items.withLock { $0 } }
            XCTAssertEqual(all.sorted(), Array(0..<200), "helpers \(helpers)")
            for w in workers {
                let items = w.items.withLock { $0 }
                XCTAssertEqual(items, items.sorted(), "helpers \(helpers)")
            }
        }
        // No helper ever runs: the caller's worker makes everything.
        let alone = (0..<3).map { _ in Worker() }
        var seen: [Int] = []
        ParallelMap.stream(count: 40, workers: alone, window: 4, { w, i -> Int in
            w.items.withLock { $0.append(i) }
            return i
        }, spawn: { _ in }, consume: { seen.append($0) })
        XCTAssertEqual(seen, Array(0..<40))
        XCTAssertEqual(alone[0].items.withLock { $0 }, Array(0..<40))
        // Helpers run late, in the middle of consuming; each worker's items still increase.
        let late = (0..<3).map { _ in Worker() }
        let helpers = LateHelpers()
        var seenLate: [Int] = []
        ParallelMap.stream(count: 50, workers: late, window: 5, { w, i -> Int in
            w.items.withLock { $0.append(i) }
            return i
        }, spawn: helpers.queue, consume: { i in
            seenLate.append(i)
            if i % 3 == 2 { helpers.runQueued() }
        })
        XCTAssertEqual(seenLate, Array(0..<50))
        XCTAssertEqual(late.flatMap { w in w.items.withLock { $0 } }.sorted(), Array(0..<50))
        for w in late {
            let items = w.items.withLock { $0 }
            XCTAssertEqual(items, items.sorted())
        }
        helpers.runQueued()
        XCTAssertEqual(late.flatMap { w in w.items.withLock { $0 } }.count, 50)
    }

    func testStreamWithWorkersStopsAtAThrow() {
        struct Stop: Error {}
        final class Worker {}
        var seen: [Int] = []
        XCTAssertThrowsError(try ParallelMap.stream(count: 60, workers: [Worker(), Worker(), Worker()], window: 4, { _, i in i },
                                                    consume: { i in
            if i == 9 { throw Stop() }
            seen.append(i)
        }))
        XCTAssertEqual(seen, Array(0..<9))
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

/// A `spawn` for `ParallelMap.stream` that only queues helpers; the test runs them when it
/// chooses (on its own thread), as Dispatch would when its workers are busy elsewhere.
private final class LateHelpers {
    private var queued: [@Sendable () -> Void] = []

    func queue(_ helper: @escaping @Sendable () -> Void) { queued.append(helper) }

    /// Runs the helpers queued so far (each leaves once nothing is free for it).
    func runQueued() {
        let now = queued
        queued = []
        for helper in now { helper() }
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
