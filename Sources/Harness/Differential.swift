import WasmKit

/// Runs two builds of one module side by side in WasmKit and reports the first call where
/// they differ: in results, in trapping, in memory or in an exported global afterwards.
///
/// Invariant: both instances see the same calls in the same order, so state carried from
/// one call to the next (memory, globals) is compared too. Traps are compared as traps: Wasm
/// lets an optimizer reorder two operations that may each trap, so which trap is reported
/// may differ (the spec suite still checks the messages of its own assertions).
public enum Differential {
    /// One call: an export and its arguments.
    public struct Call: Sendable {
        public var export: String
        public var arguments: [Value]

        public init(export: String, arguments: [Value]) {
            self.export = export
            self.arguments = arguments
        }
    }

    /// Calls for each export: `perExport` argument vectors of edge-biased values.
    public static func calls(
        _ exports: [(name: String, params: [String])], perExport: Int, rng: inout SplitMix64
    ) -> [Call] {
        var calls: [Call] = []
        for _ in 0..<perExport {
            for (name, params) in exports {
                let args: [Value] = params.map { p in
                    let v = interesting(&rng)
                    return p == "i64" ? .i64(v) : .i32(UInt32(truncatingIfNeeded: v))
                }
                calls.append(Call(export: name, arguments: args))
            }
        }
        return calls
    }

    static func interesting(_ rng: inout SplitMix64) -> UInt64 {
        switch rng.next() % 4 {
        case 0: return [0, 1, 2, 5, 6, 7, 0x7F, 0x80, 0xFF, 0xFFFF_FFFF, 0x8000_0000, .max][rng.below(12)]
        case 1: return rng.next() % 16
        case 2: return UInt64(UInt32(truncatingIfNeeded: rng.next()))
        default: return rng.next()
        }
    }

    /// nil when both builds behave the same on every call, else what differed. With a dead
    /// stack (weft run with `--assume-dead-stack`), memory in `stack` is not compared and,
    /// after a trap, the host resets the exported `__stack_pointer` to its initial value (the
    /// assumption says its value after a trap does not matter).
    public static func compare(
        _ original: [UInt8], _ optimized: [UInt8], calls: [Call], deadStack stack: Range<Int>? = nil
    ) throws -> String? {
        let a = try Instance(original, deadStack: stack)
        let b = try Instance(optimized, deadStack: stack)
        for (n, call) in calls.enumerated() {
            let x = a.call(call)
            let y = b.call(call)
            if x != y {
                let args = call.arguments.map(KernelRunner.describe).joined(separator: " ")
                var text = "call \(n): \(call.export)(\(args)): original \(x), optimized \(y)"
                let (p, q) = (a.memory(), b.memory())
                if let i = p.indices.first(where: { i in
                    !a.ignoring.contains(i) && q.indices.contains(i) && p[i] != q[i]
                }) {
                    text += "; memory first differs at 0x\(String(i, radix: 16)): \(p[i]) vs \(q[i])"
                }
                return text
            }
        }
        return nil
    }

    /// What one call gave, as compared: the results (or "trap"), a hash of the first 64 KiB of
    /// memory outside `ignoring`, and the exported global `g`. Any build that can say these
    /// (WasmKit here, the compiled Thumb-2 code in CompileTests) is compared by this string.
    public static func observation(results: [Value]?, memory: [UInt8]?, g: Value?, ignoring: Range<Int>) -> String {
        var out = results.map { $0.map(KernelRunner.describe).joined(separator: " ") } ?? "trap"
        if let memory {
            // The first 64 KiB but the ignored range, hashed as two runs (a lazy filter over
            // every byte made this the slowest part of the compiled tests in debug builds).
            let end = min(memory.count, 65536)
            let cut = ignoring.clamped(to: 0..<end)
            let kept = hash(memory[cut.upperBound..<end], continuing: hash(memory[0..<cut.lowerBound]))
            out += " memory:" + String(kept, radix: 16)
        }
        if let g { out += " g:" + KernelRunner.describe(g) }
        return out
    }

    /// FNV-1a over bytes: how observations and transcripts write memory contents.
    public static func hash(_ bytes: [UInt8]) -> UInt64 { hash(bytes[...]) }

    /// FNV-1a over bytes, continuing from `hash` (the hash of the bytes before them).
    public static func hash(_ bytes: ArraySlice<UInt8>, continuing hash: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
        var hash = hash
        bytes.withUnsafeBufferPointer { buffer in
            for b in buffer { hash = (hash ^ UInt64(b)) &* 0x100_0000_01B3 }
        }
        return hash
    }

    /// The original module instantiated in WasmKit, called export by export.
    public final class Instance {
        let instance: WasmKit.Instance
        let store: Store
        let ignoring: Range<Int>
        /// The stack pointer and its initial value, reset after a trap (dead-stack mode).
        var stackPointer: (WasmKit.Global, Value)?

        /// `stackSize`: the interpreter's stack in bytes (nil: WasmKit's 512 KB; a call with
        /// thousands of arguments needs more).
        public init(_ binary: [UInt8], deadStack: Range<Int>? = nil, stackSize: Int? = nil) throws {
            ignoring = deadStack ?? 0..<0
            let module = try parseWasm(bytes: binary)
            store = Store(engine: Engine(configuration: EngineConfiguration(stackSize: stackSize)))
            instance = try module.instantiate(store: store)
            if deadStack != nil, case .global(let sp) = instance.export("__stack_pointer") {
                stackPointer = (sp, sp.value)
            }
        }

        /// The exported memory's bytes (the first 64 KiB).
        public func memory() -> [UInt8] {
            guard case .memory(let memory) = instance.export("memory") else { return [] }
            return memory.withUnsafeBufferPointer(offset: 0, count: min(memory.byteCount, 65536)) { Array($0) }
        }

        /// The call's observation (`Differential.observation`).
        public func call(_ call: Call) -> String {
            guard let f = instance.exports[function: call.export] else { return "no export \(call.export)" }
            var results: [Value]?
            do {
                results = try f.invoke(call.arguments)
            } catch {
                if let (sp, initial) = stackPointer { try? sp.assign(initial) }
            }
            var g: Value?
            if case .global(let global) = instance.export("g") { g = global.value }
            var bytes: [UInt8]?
            if case .memory = instance.export("memory") { bytes = memory() }
            return Differential.observation(results: results, memory: bytes, g: g, ignoring: ignoring)
        }
    }
}
