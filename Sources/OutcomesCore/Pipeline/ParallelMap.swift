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
    /// Computes `make(i)` for `i` in `0..<count` on Dispatch's global queue, `threads` items
    /// ahead of the caller, and hands the results to `consume` in item order on the calling
    /// thread as they are ready (formatting goes on while the caller writes). Unlike `map` it
    /// keeps its width inside another `map`'s worker, where Dispatch runs a nested
    /// `concurrentPerform` on one thread. With one thread everything runs on the caller.
    public static func stream<T>(count: Int, threads: Int, _ make: @escaping (Int) -> T,
                                 consume: (T) throws -> Void) rethrows {
        if threads <= 1 || count <= 1 {
            for i in 0..<count { try consume(make(i)) }
            return
        }
        let slots = SlotBuffer<T>(count: count)
        let ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        let group = DispatchGroup()
        let work = UncheckedBox(make)
        func submit(_ i: Int) {
            group.enter()
            DispatchQueue.global().async {
                slots.store(work.value(i), at: i)
                ready[i].signal()
                group.leave()
            }
        }
        // Items still running when `consume` throws finish before their slots go away.
        defer { group.wait() }
        for i in 0..<min(threads, count) { submit(i) }
        for i in 0..<count {
            ready[i].wait()
            let value = slots.remove(at: i)
            if i + threads < count { submit(i + threads) }
            try consume(value)
        }
    }
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
