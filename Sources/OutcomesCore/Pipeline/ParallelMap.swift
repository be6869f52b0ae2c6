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
    /// Like `map(count:workers:)`, but each worker takes the next item nobody has taken yet (in
    /// increasing order, so each worker's items still come in item order): a worker slowed by
    /// other work on its core no longer leaves the others idle at the end. Which worker runs an
    /// item then depends on timing, so `body`'s result must not (per-worker caches only).
    public static func mapTakingTurns<State: AnyObject, T>(count: Int, workers: [State], _ body: (State, Int) -> T) -> [T] {
        let n = max(1, min(workers.count, count))
        if n == 1 { return (0..<count).map { body(workers[0], $0) } }
        let slots = SlotBuffer<T>(count: count)
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: n) { w in
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if i >= count { break }
                    slots.store(body(workers[w], i), at: i)
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
        if threads <= 1 || count <= 1 {
            for i in 0..<count { try consume(make(i)) }
            return
        }
        let slots = SlotBuffer<T>(count: count)
        let ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        let group = DispatchGroup()
        let work = UncheckedBox(make)
        let claims = StreamClaims(count: count, window: threads + 1)
        @Sendable func run(_ i: Int) {
            slots.store(work.value(i), at: i)
            ready[i].signal()
        }
        // A helper makes at most one item: the first nobody has taken, if the window allows.
        func submit() {
            spawn {
                group.enter()
                if let i = claims.claim() { run(i) }
                group.leave()
            }
        }
        // Once the caller leaves (a throw included), nothing more is taken, and the items
        // being made are finished before their slots go away.
        defer {
            claims.close()
            group.wait()
        }
        for _ in 0..<threads { submit() }
        for i in 0..<count {
            while ready[i].wait(timeout: .now()) == .timedOut {
                // Every item up to the window's end is taken (item i among them): wait for i.
                guard let j = claims.claim() else {
                    ready[i].wait()
                    break
                }
                run(j)
            }
            let value = slots.remove(at: i)
            claims.consumed(through: i)
            if i + 1 < count { submit() }
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

/// Carries a value the caller guarantees is used safely across threads (here: a closure that
/// only reads shared state).
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
