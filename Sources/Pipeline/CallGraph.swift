import EGraph
import Rules
import WasmEncode
import WasmModel

/// The direct calls between a module's defined functions, and what inlining decisions need
/// from them: callers, recursion, which functions are still reachable, and the module's code
/// size under a choice of function bodies.
///
/// Invariant: built from the module as it was before any inlining; indices are in the
/// function index space (imports first).
struct CallGraph {
    let imported: Int
    let total: Int
    /// For each defined function (by index - imported), the defined functions it calls.
    var callees: [Set<UInt32>]
    /// Call sites of each function (all indices).
    var callSites: [Int]
    /// Whether each function (all indices) stays reachable whatever calls it: exported, the
    /// start function, or referenced (tables, element segments, globals, `ref.func`).
    var rooted: [Bool]

    init(_ module: Module) {
        imported = module.importedFunctionCount
        total = imported + module.functions.count
        callees = Array(repeating: [], count: module.functions.count)
        callSites = Array(repeating: 0, count: total)
        rooted = Array(repeating: false, count: total)
        for f in RemoveUnusedFunctions.roots(module) where Int(f) < total { rooted[Int(f)] = true }
        for (i, f) in module.functions.enumerated() {
            for case .refFunc(let g) in f.body where Int(g) < total { rooted[Int(g)] = true }
            for inst in f.body {
                guard case .call(let g) = inst, Int(g) < total else { continue }
                callSites[Int(g)] += 1
                if Int(g) >= imported { callees[i].insert(g) }
            }
        }
    }

    /// The bytes of copies of `f`'s code inlining it at every call adds: one per call, less
    /// the original when nothing else keeps it.
    func growth(_ f: UInt32, size: Int) -> Int {
        (callSites[Int(f)] - (rooted[Int(f)] ? 0 : 1)) * size
    }

    var defined: [UInt32] { (imported..<total).map { UInt32($0) } }

    func calls(_ f: UInt32) -> Set<UInt32> { Int(f) >= imported ? callees[Int(f) - imported] : [] }

    /// Whether `f` can reach itself through calls.
    func isRecursive(_ f: UInt32) -> Bool {
        var seen: Set<UInt32> = []
        var work = Array(calls(f))
        while let g = work.popLast() {
            if g == f { return true }
            if seen.insert(g).inserted { work += calls(g) }
        }
        return false
    }

    /// Callees worth trying, leaves of the call graph first: defined, called, not recursive,
    /// and nominated by one of the inline policies (every condition of one holds).
    func candidates(_ module: Module, policies: [InlinePolicy], hinted: Set<String>) -> [UInt32] {
        var height: [UInt32: Int] = [:]
        func heightOf(_ f: UInt32, _ visiting: inout Set<UInt32>) -> Int {
            if let h = height[f] { return h }
            guard visiting.insert(f).inserted else { return 0 }
            let h = calls(f).map { 1 + heightOf($0, &visiting) }.max() ?? 0
            height[f] = h
            return h
        }
        var list: [UInt32] = []
        for f in defined where callSites[Int(f)] > 0 && !isRecursive(f) {
            if unmetPolicies(f, module, policies: policies, hinted: hinted) == nil { list.append(f) }
        }
        var visiting: Set<UInt32> = []
        return list.sorted { (heightOf($0, &visiting), $0) < (heightOf($1, &visiting), $1) }
    }

    /// Nil when one of `policies` nominates the defined function `f` (every condition of one
    /// holds); otherwise, for each policy, the first condition `f` fails and `f`'s measure
    /// of it, e.g. `small: size-at-most 48 (its 120 bytes)`.
    func unmetPolicies(_ f: UInt32, _ module: Module, policies: [InlinePolicy], hinted: Set<String>) -> [String]? {
        let body = module.functions[Int(f) - imported]
        let size = WasmEncoder.functionSize(body)
        let leaf = !body.body.contains {
            if case .call = $0 { true } else if case .callIndirect = $0 { true } else { false }
        }
        let name = module.functionName(f) ?? ""
        var unmet: [String] = []
        for policy in policies {
            let failed = policy.conditions.first { c in
                switch c {
                case .callersAtMost(let n): callSites[Int(f)] > n
                case .sizeAtMost(let n): size > n
                case .growthAtMost(let n): growth(f, size: size) > n
                case .leaf: !leaf
                case .hinted: !hinted.contains(name)
                }
            }
            guard let failed else { return nil }
            let measure: String =
                switch failed {
                case .callersAtMost: "it has \(callSites[Int(f)]) call sites"
                case .sizeAtMost: "its \(size) bytes"
                case .growthAtMost: "it would grow the code by \(growth(f, size: size)) bytes"
                case .leaf: "it makes calls"
                case .hinted: "it is not hinted"
                }
            unmet.append("\(policy.name): \(failed) (\(measure))")
        }
        return unmet
    }

    /// Defined functions whose lifted body contains a call to `g` when the callees in `plan`
    /// are inlined: those calling `g` directly or through an inlined callee.
    func affected(by g: UInt32, through plan: Set<UInt32>) -> [UInt32] {
        defined.filter { f in
            var seen: Set<UInt32> = []
            var work = Array(calls(f))
            while let h = work.popLast() {
                if h == g { return true }
                if plan.contains(h), seen.insert(h).inserted { work += calls(h) }
            }
            return false
        }
    }

    /// The callees of `plan` lifting `f` inlines, at any depth: all of the plan that optimizing
    /// `f` sees, sorted (two plans that agree on it give `f` the same result).
    func inlined(into f: UInt32, plan: Set<UInt32>) -> [UInt32] {
        var seen: Set<UInt32> = []
        var work = Array(calls(f))
        while let h = work.popLast() {
            if plan.contains(h), seen.insert(h).inserted { work += calls(h) }
        }
        return seen.sorted()
    }

    /// The bytes of the functions still reachable with these bodies, and the calls left in
    /// them — compared lexicographically, smaller is better.
    struct Cost: Comparable {
        var bytes: Int
        var calls: Int
        static func < (a: Cost, b: Cost) -> Bool { (a.bytes, a.calls) < (b.bytes, b.calls) }
    }

    /// Measured as `RemoveUnusedFunctions` will leave the module: only reachable functions
    /// count, each by `size` (of its position among the defined functions) when given, else
    /// by its Wasm bytes.
    func cost(_ bodies: [Function], module: Module, size: ((Int) -> Int)? = nil) -> Cost {
        let live = RemoveUnusedFunctions.reachable(module, bodies: bodies)
        var cost = Cost(bytes: 0, calls: 0)
        for (i, body) in bodies.enumerated() where live[imported + i] {
            // Saturating: a function that does not compile counts as very large.
            cost.bytes = cost.bytes.saturatingAdd(size?(i) ?? (WasmEncoder.functionSize(body) + 2))
            cost.calls += body.body.count { if case .call = $0 { true } else { false } }
        }
        return cost
    }
}
