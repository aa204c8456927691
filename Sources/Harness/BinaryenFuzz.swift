import Foundation
import WasmKit

/// Random modules from binaryen's fuzzer (`wasm-opt -ttf`: "translate to fuzz" turns arbitrary
/// bytes into a valid module whose loops and recursion are bounded by a hang-limit global and
/// whose values are logged through `fuzzing-support` imports), and the transcript of running
/// one in WasmKit the way binaryen's `--fuzz-exec` does.
///
/// Invariant: the same seed, size and features give the same module for one wasm-opt version
/// (the input bytes come from `SplitMix64`), and the same module gives the same transcript.
public enum BinaryenFuzz {
    /// The features a module may use.
    public enum Features: String, Sendable, CaseIterable {
        /// Wasm 1.0 (binaryen's `--mvp-features`).
        case mvp
        /// Wasm 2.0's integer and float additions: sign extension, saturating truncation,
        /// bulk memory, multi-value, mutable globals.
        case wasm2
        /// `wasm2` and reference types (`funcref` / `externref` values, tables, `ref.*`).
        /// binaryen 108 writes types of later proposals too (`anyref`, non-nullable and typed
        /// function references) into most such modules; only those wabt validates as Wasm 2.0
        /// are kept (see `module`).
        case referenceTypes

        var flags: [String] {
            switch self {
            case .mvp: ["--mvp-features"]
            case .wasm2:
                [
                    "--mvp-features", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
                    "--enable-bulk-memory", "--enable-multivalue", "--enable-mutable-globals",
                ]
            case .referenceTypes: Features.wasm2.flags + ["--enable-reference-types"]
            }
        }

        /// Whether binaryen's modules of these features must be checked to be Wasm 2.0.
        var mayStrayPastWasm2: Bool { self == .referenceTypes }
    }

    /// Why no module could be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// binaryen's `wasm-opt`, when installed.
    public static var wasmOpt: String? { Subprocess.which("wasm-opt") }

    /// How many inputs `module` tries for one Wasm 2.0 module of `Features.referenceTypes`.
    public static let attempts = 64

    /// The module `wasm-opt -ttf` makes from `size` seeded bytes. For features whose modules
    /// may use types past Wasm 2.0, the first of up to `attempts` inputs (from the seed, then
    /// from seeds derived from it, smaller and smaller) whose module wabt validates.
    public static func module(seed: UInt64, size: Int = 4096, features: Features = .mvp) throws -> [UInt8] {
        guard features.mayStrayPastWasm2 else { return try candidate(seed: seed, size: size, features: features) }
        for attempt in 0..<attempts {
            // Smaller inputs stray less: every 8 attempts halve the size (at least 256 bytes).
            let bytes = Swift.max(256, size >> (attempt / 8))
            let binary = try candidate(seed: seed &+ UInt64(attempt) << 40, size: bytes, features: features)
            if try Subprocess.wasmValidate(binary) == nil { return binary }
        }
        throw Failure(description: "wasm-opt -ttf (seed \(seed)): no Wasm 2.0 module in \(attempts) inputs")
    }

    /// The module `wasm-opt -ttf` makes from `size` bytes of `seed`.
    static func candidate(seed: UInt64, size: Int, features: Features) throws -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 8)
        while bytes.count < size {
            let word = rng.next()
            for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: word >> (8 * k))) }
        }
        return try runWasmOpt(input: bytes.prefix(size), ["-ttf"], features: features, what: "-ttf (seed \(seed))")
    }

    /// `wasm-opt` run on `input` (written to a temporary file, passed after `leading`) with
    /// `features`' flags, and the module it writes; both files are removed.
    static func runWasmOpt(
        input: some Sequence<UInt8>, _ leading: [String], features: Features, what: String
    ) throws -> [UInt8] {
        guard let tool = wasmOpt else { throw Failure(description: "wasm-opt (binaryen) is not installed") }
        let base = NSTemporaryDirectory() + "weft-wasm-opt-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: base + ".in")
            try? FileManager.default.removeItem(atPath: base + ".wasm")
        }
        guard FileManager.default.createFile(atPath: base + ".in", contents: Data(input)) else {
            throw Failure(description: "cannot write \(base).in")
        }
        let r = try Subprocess.run(tool, leading + [base + ".in", "-o", base + ".wasm"] + features.flags)
        guard r.status == 0, let data = FileManager.default.contents(atPath: base + ".wasm") else {
            throw Failure(description: "wasm-opt \(what): \(r.stderr)")
        }
        return Array(data)
    }

    /// `binary` with every float result that is a NaN replaced by 0 at run time (binaryen's
    /// `--denan`, what its own fuzzer runs before comparing two engines): a NaN's sign and
    /// payload are open in Wasm, and once `copysign` or a reinterpretation carries them into
    /// other values, two right engines differ beyond what a comparison can excuse.
    public static func denan(_ binary: [UInt8], features: Features) throws -> [UInt8] {
        try runWasmOpt(input: binary, ["--denan"], features: features, what: "--denan")
    }

    /// The export binaryen's fuzzer calls before each other export to reset the hang limit.
    public static let hangLimitInitializer = "hangLimitInitializer"

    /// The `fuzzing-support` imports: each logs its one argument.
    public static let logImports: [(name: String, type: WasmKit.ValueType)] = [
        ("log-i32", .i32), ("log-i64", .i64), ("log-f32", .f32), ("log-f64", .f64),
    ]

    /// A value as transcripts write it: a float NaN is `nan` whatever its sign and payload
    /// (Wasm leaves them open for arithmetic results), a funcref as null or not (where a
    /// function lies is the engine's), an externref as the host's value, other values as
    /// `KernelRunner` does.
    public static func describe(_ value: Value) -> String {
        switch value {
        case .f32(let bits) where Float(bitPattern: bits).isNaN: "f32:nan"
        case .f64(let bits) where Double(bitPattern: bits).isNaN: "f64:nan"
        case .ref(.function(let f)): f == nil ? "funcref:null" : "funcref"
        case .ref(.extern(let x)): x.map { "externref:\($0)" } ?? "externref:null"
        default: KernelRunner.describe(value)
        }
    }

    /// One line per call of a transcript: the export, its arguments, the results (or `trap`) and
    /// the values it logged, in order.
    public static func line(export: String, arguments: [Value], results: [Value]?, logged: [Value]) -> String {
        let args = arguments.map(describe).joined(separator: " ")
        let outcome = results.map { $0.map(describe).joined(separator: " ") } ?? "trap"
        let logs = logged.isEmpty ? "" : " log [" + logged.map(describe).joined(separator: " ") + "]"
        return "\(export)(\(args)) = \(outcome)\(logs)"
    }

    /// The arguments each export is called with: zeros first (as binaryen's `--fuzz-exec`),
    /// then `rounds - 1` vectors of edge-biased values; a reference is always null.
    public static func arguments(_ types: [WasmKit.ValueType], rounds: Int, rng: inout SplitMix64) -> [[Value]] {
        (0..<rounds).map { round in
            types.map { t in
                let v = round == 0 ? 0 : Differential.interesting(&rng)
                switch t {
                case .i64: return .i64(v)
                case .f32: return .f32(UInt32(truncatingIfNeeded: v))
                case .f64: return .f64(v)
                case .ref(let r) where r.heapType == .externRef: return .ref(.extern(nil))
                case .ref: return .ref(.function(nil))
                default: return .i32(UInt32(truncatingIfNeeded: v))
                }
            }
        }
    }

    /// A module instantiated in WasmKit with logging imports, run export by export.
    public final class Run {
        let instance: WasmKit.Instance

        public init(_ binary: [UInt8]) throws {
            let module = try parseWasm(bytes: binary)
            let store = Store(engine: Engine())
            var imports = Imports()
            let sink = Sink()
            for (name, type) in BinaryenFuzz.logImports {
                imports.define(
                    module: "fuzzing-support", name: name,
                    Function(store: store, parameters: [type]) { _, args in
                        sink.values += args
                        return []
                    })
            }
            instance = try module.instantiate(store: store, imports: imports)
            self.sink = sink
            order = module.exports.map(\.name)
        }

        /// The export names in the module's order.
        let order: [String]

        let sink: Sink

        /// Where the host imports write.
        final class Sink {
            var values: [Value] = []
        }

        /// The exported functions in export order, with their parameter types.
        public var exports: [(name: String, params: [WasmKit.ValueType])] {
            order.compactMap { name in
                guard name != BinaryenFuzz.hangLimitInitializer, let f = instance.exports[function: name] else {
                    return nil
                }
                return (name, f.type.parameters)
            }
        }

        /// Resets the hang limit, calls the export and returns what it observed: its line and
        /// the exported memory's first 64 KiB.
        public func call(_ export: String, _ arguments: [Value]) -> Observation {
            if let reset = instance.exports[function: BinaryenFuzz.hangLimitInitializer] {
                _ = try? reset.invoke([])
            }
            sink.values = []
            var results: [Value]?
            var trap: String?
            if let f = instance.exports[function: export] {
                do {
                    results = try f.invoke(arguments)
                } catch {
                    trap = "\(error)"
                }
            }
            let text = BinaryenFuzz.line(export: export, arguments: arguments, results: results, logged: sink.values)
            var bytes: [UInt8] = []
            if case .memory(let memory) = instance.export("memory") {
                bytes = memory.withUnsafeBufferPointer(offset: 0, count: min(memory.byteCount, 65536)) { Array($0) }
            }
            return Observation(line: text, memory: bytes, trap: trap)
        }
    }

    /// One call of a transcript: its line (export, arguments, results or trap, logged values)
    /// and the memory after it (the first 64 KiB; empty when the module exports none).
    public struct Observation: Sendable {
        public var line: String
        public var memory: [UInt8]
        /// Why the call trapped, as the engine says it (WasmKit's transcripts only; not
        /// compared).
        public var trap: String?

        public init(line: String, memory: [UInt8], trap: String? = nil) {
            self.line = line
            self.memory = memory
            self.trap = trap
        }

        /// Whether the call trapped on an access outside the memory (the engine said so).
        public var trappedOutOfBounds: Bool { trap?.contains("out of bounds memory") == true }

        /// The line with a hash of the memory, as a report shows it.
        public var description: String {
            memory.isEmpty ? line : line + " memory:" + String(Differential.hash(memory), radix: 16)
        }
    }

    /// The transcript of a module: each export (in export order) called with each argument
    /// vector, state carried from call to call. Throws when WasmKit cannot instantiate it.
    public static func transcript(_ binary: [UInt8], rounds: Int = 2, seed: UInt64 = 0) throws -> [Observation] {
        let run = try Run(binary)
        var rng = SplitMix64(seed: seed)
        var calls: [Observation] = []
        for (name, params) in run.exports {
            for args in arguments(params, rounds: rounds, rng: &rng) { calls.append(run.call(name, args)) }
        }
        return calls
    }

    /// nil when two transcripts agree, else the first call where they differ, both lines (and
    /// the first memory byte that differs). Memory agrees when every byte that differs lies in
    /// four or eight bytes that are a NaN on both sides: a float stored from a NaN result,
    /// whose sign and payload Wasm leaves open (x86's default NaN has the sign set, Arm's
    /// and weft's helpers' not).
    public static func firstDifference(_ expected: [Observation], _ actual: [Observation], _ label: String) -> String? {
        for k in 0..<max(expected.count, actual.count) {
            let x = k < expected.count ? expected[k] : nil
            let y = k < actual.count ? actual[k] : nil
            let report =
                "call \(k) differs\n  original:  \(x?.description ?? "(no call)")\n  \(label): \(y?.description ?? "(no call)")"
            guard let x, let y, x.line == y.line else { return report }
            if let offset = firstMemoryDifference(x.memory, y.memory) {
                return report + "\n  first memory difference at offset \(offset)"
            }
        }
        return nil
    }

    /// The first offset where two memories differ other than in a NaN's bits, or nil.
    public static func firstMemoryDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        guard a.count == b.count else { return min(a.count, b.count) }
        func word(_ m: [UInt8], _ p: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(UInt64(0)) { $0 | UInt64(m[p + $1]) << (8 * UInt64($1)) }
        }
        func isNaN(_ v: UInt64, width: Int) -> Bool {
            width == 4
                ? (v >> 23) & 0xFF == 0xFF && v & 0x7F_FFFF != 0
                : (v >> 52) & 0x7FF == 0x7FF && v & 0xF_FFFF_FFFF_FFFF != 0
        }
        for i in a.indices where a[i] != b[i] {
            let inNaN = [4, 8].contains { width in
                (max(0, i - width + 1)...i).contains { p in
                    p + width <= a.count && isNaN(word(a, p, width), width: width)
                        && isNaN(word(b, p, width), width: width)
                }
            }
            if !inNaN { return i }
        }
        return nil
    }

    /// Writes a module that failed a test to the temporary folder and returns the path, so the
    /// report names a file to reproduce with (`weft compile PATH`).
    public static func keep(_ binary: [UInt8], name: String) -> String {
        let path = NSTemporaryDirectory() + name + ".wasm"
        return FileManager.default.createFile(atPath: path, contents: Data(binary)) ? path : "(not written)"
    }
}
