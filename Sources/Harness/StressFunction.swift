import Foundation

/// Single functions far larger than the random generators make, in the shapes that make
/// extraction, lowering, selection and register allocation work hard at scale: the stress
/// inputs of `weft optimize`'s and `weft compile`'s big-function tests (`make differential`
/// runs them at 100,000 operators).
public enum StressFunction: String, CaseIterable, CustomStringConvertible, Sendable {
    /// Straight-line code whose values are each read twice (`x = x * x` and sums of it):
    /// a DAG whose tree is exponentially larger.
    case shared
    /// One long dependent chain: each operator needs the one before it, nothing shared.
    case chain
    /// Two nested counted loops whose body loads, computes and stores.
    case loops

    public var description: String { rawValue }

    /// The sizes to test (operators): `WEFT_STRESS_SIZES` (comma-separated), else 100, 1,000
    /// and 10,000.
    public static let sizes: [Int] = {
        guard let list = ProcessInfo.processInfo.environment["WEFT_STRESS_SIZES"] else { return [100, 1_000, 10_000] }
        return list.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }()

    /// A module exporting `f`, one function of at least `operators` operators of this shape,
    /// and its parameters' types.
    public func module(operators: Int) -> (wat: String, params: [String]) {
        var body: [String] = []
        var count = 0
        switch self {
        case .shared:
            let ops = ["i32.add", "i32.xor", "i32.sub"]
            var k = 0
            while count < operators {
                // 4 + 4 + 6 operators: every value read by the next two statements.
                body.append("(local.set 0 (i32.mul (local.get 0) (local.get 0)))")
                body.append("(local.set 1 (\(ops[k % 3]) (local.get 1) (local.get 0)))")
                body.append("(local.set 0 (i32.xor (local.get 0) (i32.rotl (local.get 1) (i32.const \(1 + k % 31)))))")
                count += 14
                k += 1
            }
            let wat = """
                (module (func (export "f") (param i32 i32) (result i32)
                  \(body.joined(separator: "\n  "))
                  (i32.add (local.get 0) (local.get 1))))
                """
            return (wat, ["i32", "i32"])
        case .chain:
            // Each step applies one operator to the running value and a parameter (so nothing
            // folds): 4 operators a step.
            let ops = ["i32.add", "i32.mul", "i32.xor", "i32.sub", "i32.rotl", "i32.or"]
            var k = 0
            var expression = "(local.get 0)"
            var statements: [String] = []
            while count < operators {
                expression = "(\(ops[k % ops.count]) \(expression) (local.get \(1 + k % 2)))"
                count += 2
                k += 1
                // A statement every 64 steps keeps the text's nesting shallow; the value
                // still flows through the local, one chain.
                if k % 64 == 0 {
                    statements.append("(local.set 0 \(expression))")
                    expression = "(local.get 0)"
                    count += 2
                }
            }
            let wat = """
                (module (func (export "f") (param i32 i32 i32) (result i32)
                  \(statements.joined(separator: "\n  "))
                  \(expression)))
                """
            return (wat, ["i32", "i32", "i32"])
        case .loops:
            var k = 0
            while count < operators {
                // 6 operators: a load, an operator on a parameter, a store, in the inner loop.
                let op = ["i32.add", "i32.xor", "i32.mul"][k % 3]
                body.append(
                    "(i32.store offset=\(4 * (k % 61)) (local.get 3) (\(op) (i32.load offset=\(4 * ((7 * k) % 61)) (local.get 3)) (local.get \(k % 2))))"
                )
                count += 6
                k += 1
            }
            let wat = """
                (module (memory (export "memory") 1)
                  (func (export "f") (param i32 i32) (result i32) (local i32 i32)
                    (local.set 2 (i32.const 3))
                    (loop $outer
                      (local.set 3 (i32.const 0))
                      (loop $inner
                        \(body.joined(separator: "\n        "))
                        (local.set 3 (i32.add (local.get 3) (i32.const 4)))
                        (br_if $inner (i32.lt_u (local.get 3) (i32.const 64))))
                      (local.set 2 (i32.sub (local.get 2) (i32.const 1)))
                      (br_if $outer (local.get 2)))
                    (i32.load (i32.const 8))))
                """
            return (wat, ["i32", "i32"])
        }
    }

    /// `body` run on a thread with as much stack as `weft` gives its command (1 GiB): the
    /// pipeline recurses as deep as the function's longest chain, deeper than a test thread's
    /// stack allows at these sizes.
    public static func onLargeStack<T>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, any Error>?
        let thread = Thread {
            result = Result { try body() }
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
        guard let result else { throw CancellationError() }
        return try result.get()
    }
}
