import Dispatch
import Synchronization

/// Runs independent work items on a fixed number of Dispatch workers and returns the results
/// in item order, each worker with its own state.
///
/// Worker `w` handles items `w, w + threads, w + 2·threads, …`, so which worker runs an item
/// never depends on timing, and every result lands in the slot of its item.
public enum ParallelMap {
    /// Computes `body(&state, i)` for `i` in `0..<count` on `threads` workers.
    /// - Parameters:
    ///   - makeState: creates one worker's private state (parsers, caches, buffers).
    /// - Complexity: O(count) calls of `body`, spread over `min(threads, count)` workers.
    public static func map<State, T>(count: Int, threads: Int, makeState: () -> State,
                                     _ body: (inout State, Int) -> T) -> [T] {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            var state = makeState()
            return (0..<count).map { body(&state, $0) }
        }
        let slots = SlotBuffer<T>(count: count)
        withoutActuallyEscaping(makeState) { makeState in
            withoutActuallyEscaping(body) { body in
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var state = makeState()
                    var i = w
                    while i < count {
                        slots.store(body(&state, i), at: i)
                        i += workers
                    }
                }
            }
        }
        return slots.take()
    }
}

extension ParallelMap {
    /// Computes `body(workers[w], i)` for `i` in `0..<count`, worker `w` taking items
    /// `w, w + workers.count, …`: for state kept across several calls (per-worker caches).
    public static func map<State: AnyObject, T>(count: Int, workers: [State], _ body: (State, Int) -> T) -> [T] {
        let n = max(1, min(workers.count, count))
        if n == 1 { return (0..<count).map { body(workers[0], $0) } }
        let slots = SlotBuffer<T>(count: count)
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: n) { w in
                var i = w
                while i < count {
                    slots.store(body(workers[w], i), at: i)
                    i += n
                }
            }
        }
        return slots.take()
    }
}

extension ParallelMap {
    /// Computes `make(i)` for `i` in `0..<count` on Dispatch's global queue, up to `threads` + 1
    /// items ahead of the caller, and hands the results to `consume` in item order on the calling
    /// thread as they are ready (formatting goes on while the caller writes). Unlike `map` it
    /// keeps its width inside another `map`'s worker, where Dispatch runs a nested
    /// `concurrentPerform` on one thread. With one thread everything runs on the caller.
    ///
    /// While the next result is not ready, the caller makes the next item nobody has taken
    /// instead of waiting: when Dispatch's workers are all busy with other work (the breakdowns
    /// computed beside leads.csv), the items still get made, on the caller's thread. Which thread
    /// makes an item depends on timing, so `make`'s result must not.
    /// - Parameter spawn: starts a helper (Dispatch's global queue; the tests pass one that
    ///   starts none, or starts them late).
    public static func stream<T>(count: Int, threads: Int, _ make: @escaping (Int) -> T,
                                 spawn: (@escaping @Sendable () -> Void) -> Void = { DispatchQueue.global().async(execute: $0) },
                                 consume: (T) throws -> Void) rethrows {
        // The per-worker stream with stateless workers: the caller's and `threads` helpers'.
        let workers = (0...(threads > 1 ? threads : 0)).map { _ in StatelessWorker() }
        try stream(count: count, workers: workers, window: max(1, threads) + 1, { _, i in make(i) }, spawn: spawn, consume: consume)
    }
}

extension ParallelMap {
    /// `stream` with per-worker state: computes `make(worker, i)` for `i` in `0..<count` and
    /// hands the results to `consume` in item order on the calling thread. `workers[0]` is the
    /// caller's own (it makes an item whenever the next result is not ready and an item is free);
    /// the others run on Dispatch helpers, at most `window` items past the last one consumed.
    ///
    /// A worker takes items in increasing order, so each worker's results reach `consume` in the
    /// order it made them (the ingest merge relies on it: a chunk hands over the texts its worker
    /// gained since its previous chunk). There is no barrier between groups of items: a worker
    /// that is done takes the next item at once. Which worker makes an item depends on timing,
    /// so `make`'s result must not (per-worker caches only).
    /// - Parameter spawn: starts a helper (Dispatch's global queue; the tests pass others).
    public static func stream<State: AnyObject, T>(count: Int, workers: [State], window: Int,
                                                   _ make: @escaping (State, Int) -> T,
                                                   spawn: (@escaping @Sendable () -> Void) -> Void = { DispatchQueue.global().async(execute: $0) },
                                                   consume: (T) throws -> Void) rethrows {
        precondition(!workers.isEmpty, "stream needs the caller's worker")
        if workers.count == 1 || count <= 1 {
            // Alone, the caller makes half a window of items, then consumes them: making and
            // consuming item by item, each evicted the other's data from the caches (the 5M
            // ingest on one thread took 0.7 s longer so).
            let batch = max(1, window / 2)
            for first in stride(from: 0, to: count, by: batch) {
                let made = (first..<min(count, first + batch)).map { make(workers[0], $0) }
                for value in made { try consume(value) }
            }
            return
        }
        let slots = SlotBuffer<T>(count: count)
        let ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        let group = DispatchGroup()
        let work = UncheckedBox(make)
        let claims = StreamClaims(count: count, window: max(1, window))
        // The helpers' workers not in use; a helper takes one before it takes any item.
        let free = Mutex(Array(workers.dropFirst()).map { UncheckedBox($0) })
        // A helper runs while it has a worker and items are free, then leaves.
        func submit() {
            spawn {
                group.enter()
                defer { group.leave() }
                guard let worker = free.withLock({ $0.popLast() }) else { return }
                while let i = claims.claim() {
                    slots.store(work.value(worker.value, i), at: i)
                    ready[i].signal()
                }
                free.withLock { $0.append(worker) }
            }
        }
        // Once the caller leaves (a throw included), nothing more is taken, and the items
        // being made are finished before their slots go away.
        defer {
            claims.close()
            group.wait()
        }
        for _ in 1..<workers.count { submit() }
        for i in 0..<count {
            while ready[i].wait(timeout: .now()) == .timedOut {
                // Every item up to the window's end is taken (item i among them): wait for i.
                guard let j = claims.claim() else {
                    ready[i].wait()
                    break
                }
                slots.store(work.value(workers[0], j), at: j)
                ready[j].signal()
            }
            let value = slots.remove(at: i)
            claims.consumed(through: i)
            // The window moved: a helper whose worker is free may take items again.
            if i + 1 < count && free.withLock({ !$0.isEmpty }) { submit() }
            try consume(value)
        }
    }
}

/// Which items of a `ParallelMap.stream` are taken: in increasing order, and no further than
/// `window` items past the last one consumed.
private final class StreamClaims: Sendable {
    private let next = Atomic<Int>(0)
    private let consumedCount = Atomic<Int>(0)
    private let count: Int
    private let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// The next item nobody has taken, taken now; nil when all are, or the window is full.
    func claim() -> Int? {
        var c = next.load(ordering: .sequentiallyConsistent)
        while true {
            if c >= count || c >= consumedCount.load(ordering: .sequentiallyConsistent) + window { return nil }
            let (taken, current) = next.compareExchange(expected: c, desired: c + 1, ordering: .sequentiallyConsistent)
            if taken { return c }
            c = current
        }
    }

    /// Item `i` was handed to the consumer: the window moves past it.
    func consumed(through i: Int) { consumedCount.store(i + 1, ordering: .sequentiallyConsistent) }

    /// Lets nothing more be taken.
    func close() { next.store(count, ordering: .sequentiallyConsistent) }
}

/// The worker of a `stream` whose items need no per-worker state.
private final class StatelessWorker {}

/// Carries a value the caller guarantees is used safely across threads (here: a closure that
/// only reads shared state, or a worker used by one thread at a time).
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A value computed on a Dispatch global queue while the caller goes on; `value` waits for it.
/// Whoever starts one reads `value` on every path, errors included: a process must not exit
/// while the work still runs.
/// The result is written before the group is left and read after waiting on it, so the group
/// orders the two accesses.
public final class Background<T>: @unchecked Sendable {
    private var result: T?
    private let group = DispatchGroup()

    public init(_ work: @escaping @Sendable () -> T) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    /// The computed value, waiting for it if need be.
    public var value: T {
        group.wait()
        guard let result else { preconditionFailure("Background finished without a value") }
        return result
    }
}

/// One slot per work item. Invariant: iteration i writes slot i only, and a slot is read after
/// its writer has finished (concurrentPerform returned, or the item's semaphore was signalled),
/// so no two threads touch a slot at once.
private final class SlotBuffer<T>: @unchecked Sendable {
    private var items: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        items = .allocate(capacity: count)
        items.initialize(repeating: nil)
    }

    func store(_ value: T, at index: Int) { items[index] = value }

    /// Moves one result out; a missing one is a bug in `ParallelMap`.
    func remove(at index: Int) -> T {
        guard let value = items[index] else { preconditionFailure("ParallelMap left a slot empty") }
        items[index] = nil
        return value
    }

    /// Moves the results out in order; a missing one is a bug in `ParallelMap`.
    func take() -> [T] {
        items.map { value in
            guard let value else { preconditionFailure("ParallelMap left a slot empty") }
            return value
        }
    }

    deinit {
        items.deinitialize()
        items.deallocate()
    }
}
