import Dispatch
import Synchronization
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Independent work spread over the machine's cores: `map(count:jobs:)` runs `body` for every
/// index, up to `jobs` at once, and returns the results in index order, so what the caller
/// builds from them does not depend on how many cores ran it or in which order they finished.
///
/// Invariant: `body` runs exactly once for each index in `0..<count`; with one job (or one
/// index) it runs on the calling thread, in index order. `body` must not write state another
/// index reads: each index's result is its own.
public enum Parallel {
    /// How many jobs run at once when the caller does not say: every core.
    public static var cores: Int { max(ProcessInfo.processInfo.activeProcessorCount, 1) }

    /// `body(i)` for every `i` in `0..<count`, in index order.
    public static func map<R: Sendable>(count: Int, jobs: Int? = nil, _ body: @Sendable (Int) -> R) -> [R] {
        let workers = min(max(jobs ?? cores, 1), count)
        guard workers > 1 else { return (0..<count).map(body) }
        let next = Atomic<Int>(0)
        let results = Slots<R>(count: count)
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < count else { return }
                    results.buffer[i] = body(i)
                }
            }
        }
        return results.buffer.map { $0! }
    }

    /// One slot per index: each written by the one job that took the index (`Atomic`
    /// hands every index out once), read after all jobs are done — no two threads touch a slot.
    private final class Slots<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R?>
        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }
    }

    /// `body(i)` for every `i` in `0..<count`, in index order; the error of the lowest index
    /// that failed, if any (every index runs either way).
    public static func map<R: Sendable, E: Error>(
        count: Int, jobs: Int? = nil, _ body: @Sendable (Int) throws(E) -> R
    ) throws(E) -> [R] {
        let outcomes = map(count: count, jobs: jobs) { (i: Int) -> Result<R, E> in
            do throws(E) {
                return .success(try body(i))
            } catch {
                return .failure(error)
            }
        }
        return try outcomes.map { (r: Result<R, E>) throws(E) -> R in try r.get() }
    }
}
