import Compile
import Foundation
import Harness
import Testing
import WasmDecode
import WasmKit
import WasmModel

/// binaryen's random modules (`wasm-opt -ttf` on seeded bytes) compiled by `weft compile`'s
/// pipeline (optimized first, checked memory model), linked by `arm-none-eabi-ld` and by
/// `ld.lld`, and each image run in the Cortex-M3 machine beside the original in WasmKit, as
/// binaryen's `--fuzz-exec` runs them: every export in order, the hang limit reset before each,
/// results, traps, the values logged through the `fuzzing-support` imports (host calls in the
/// machine) and memory compared call by call. A function weft cannot compile fails the test
/// (refusals are tallied by reason). `WEFT_COMPILED_FUZZ_MODULES` sets how many per feature set
/// (`make differential` runs 1,000); `WEFT_COMPILED_FUZZ_FROM` the first.
@Suite struct CompiledFuzzTests {
    static let modules = Int(ProcessInfo.processInfo.environment["WEFT_COMPILED_FUZZ_MODULES"] ?? "") ?? 30
    static let first = UInt64(ProcessInfo.processInfo.environment["WEFT_COMPILED_FUZZ_FROM"] ?? "") ?? 0

    /// The seed of module `n`, and its size: 1 to 8 KiB of fuzzer input.
    static func input(_ n: UInt64) -> (seed: UInt64, size: Int) { (0xC022_0000 + n, 1024 * (1 + Int(n % 8))) }

    @Test(arguments: BinaryenFuzz.Features.allCases)
    func binaryenRandomModulesRunCompiledAsInWasmKit(features: BinaryenFuzz.Features) throws {
        guard BinaryenFuzz.wasmOpt != nil else {
            Issue.record("wasm-opt (binaryen) is not installed: make deps")
            return
        }
        var refusals: [String: Int] = [:]
        var calls = 0
        var ran = 0
        var referencing = 0
        var nanDependent = 0
        for n in Self.first..<Self.first + UInt64(Self.modules) {
            let (seed, size) = Self.input(n)
            let original = try BinaryenFuzz.module(seed: seed, size: size, features: features)
            let module = try WasmDecoder.decode(original, file: "ttf\(n).wasm")
            if Self.usesReferences(module) { referencing += 1 }
            let images: [CompiledInstance]
            do {
                images = try CompiledInstance.linked(module: module, memory: .checked, optimize: true)
            } catch {
                Issue.record("module \(n) (\(features)): \(error)")
                continue
            }
            guard let first = images.first, first.compiled.unsupported.isEmpty else {
                for u in images.first?.compiled.unsupported ?? [] { refusals[Self.reason(u.reason), default: 0] += 1 }
                continue
            }
            let expected = try BinaryenFuzz.transcript(original, seed: n)
            var differences: [String] = []
            for compiled in images {
                let actual = try Self.transcript(compiled, seed: n)
                calls += actual.count
                if let difference = BinaryenFuzz.firstDifference(expected, actual, "compiled") {
                    differences.append("\(compiled.linker): \(difference)")
                }
            }
            // A difference a NaN's open bits explain (carried into other values by copysign or
            // a reinterpretation) goes when NaNs are scrubbed: the same module under binaryen's
            // --denan must then run alike, else it is reported.
            if !differences.isEmpty, try Self.runsAlike(BinaryenFuzz.denan(original, features: features), seed: n) {
                nanDependent += 1
                differences = []
            }
            for difference in differences {
                let path = BinaryenFuzz.keep(original, name: "weft-ttf-compiled-\(features)-\(n)")
                Issue.record("module \(n) (\(features), WEFT_COMPILED_FUZZ_FROM=\(n), \(path)): \(difference)")
            }
            ran += 1
        }
        let tally = refusals.sorted { $0.value > $1.value }.map { "\($0.value)× \($0.key)" }
        print(
            "compiled binaryen fuzz (\(features)): \(Self.modules) modules, \(ran) compiled whole and run, \(calls) calls, \(referencing) using references, \(nanDependent) differing only by NaN bits (alike under --denan); "
                + "functions refused: "
                + (tally.isEmpty ? "none" : tally.joined(separator: "; ")))
        #expect(refusals.isEmpty, "every Wasm 2.0 integer and float function compiles")
        #expect(ran == Self.modules)
    }

    /// A sample of the same modules (`WEFT_COMPILED_LINKED_FUZZ_MODULES` per feature set,
    /// default 6) compiled under `linked` (linear memory in RAM at 0x20100000): nothing checks
    /// an access there, so an access outside the memory has no defined outcome (a load whose
    /// value is dead is even removed); each module's transcript is compared up to the first
    /// call that traps in WasmKit on such an access. A function whose code has a constant
    /// address inside the memory but past the reserve would be refused at compile time
    /// (counted, not run); one outside the memory compiles to the trap.
    @Test(arguments: BinaryenFuzz.Features.allCases)
    func binaryenRandomModulesRunCompiledUnderLinked(features: BinaryenFuzz.Features) throws {
        guard let modules = Self.sample("WEFT_COMPILED_LINKED_FUZZ_MODULES") else { return }
        let count = modules.count
        var calls = 0
        var ran = 0
        var refused: [String] = []
        var cut = 0
        for n in modules {
            let (seed, size) = Self.input(n)
            let original = try BinaryenFuzz.module(seed: seed, size: size, features: features)
            let module = try WasmDecoder.decode(original, file: "ttf\(n).wasm")
            let images = try CompiledInstance.linked(module: module, memory: .linked, optimize: true)
            if let first = images.first, !first.compiled.unsupported.isEmpty {
                // Only constant addresses past the memory may keep a function from compiling.
                for u in first.compiled.unsupported {
                    #expect(u.reason.contains("lies outside the"), "module \(n) (\(features)): \(u.reason)")
                    let path = BinaryenFuzz.keep(original, name: "weft-ttf-linked-refused-\(features)-\(n)")
                    refused.append("module \(n) (\(path)): \(u.reason)")
                }
                continue
            }
            let transcript = try BinaryenFuzz.transcript(original, seed: n)
            let defined = transcript.firstIndex(where: \.trappedOutOfBounds) ?? transcript.count
            if defined < transcript.count { cut += 1 }
            let expected = Array(transcript.prefix(defined))
            for compiled in images {
                let actual = Array(try Self.transcript(compiled, seed: n).prefix(defined))
                calls += actual.count
                if let difference = BinaryenFuzz.firstDifference(expected, actual, "compiled") {
                    let path = BinaryenFuzz.keep(original, name: "weft-ttf-linked-\(features)-\(n)")
                    Issue.record(
                        "module \(n) (\(features), linked, \(compiled.linker), WEFT_COMPILED_FUZZ_FROM=\(n), \(path)): \(difference)"
                    )
                }
            }
            ran += 1
        }
        print(
            "compiled binaryen fuzz (\(features), linked): \(count) modules, \(ran) run (\(cut) up to an access out of bounds), \(calls) calls, \(refused.count) functions refused"
                + (refused.isEmpty ? "" : " (\(refused.prefix(3).joined(separator: "; ")))"))
        #expect(ran >= count / 2)
    }

    /// The same modules (`WEFT_COMPILED_MPU_FUZZ_MODULES` per feature set, default 6) under
    /// `mpu`, the machine checking unprivileged accesses as the MPU would: an access outside
    /// the memory faults where WasmKit traps (the region is the memory: pages are whole
    /// subregions up to 8 pages), so transcripts match up to the first call that traps in
    /// WasmKit on an access out of bounds, and that call faults too (an unprivileged load is
    /// kept even when its value is dead). Not on this sample, so not allowed here: an address
    /// whose sum with its offset wraps past 2^32 back into the memory reads it instead.
    @Test(arguments: BinaryenFuzz.Features.allCases)
    func binaryenRandomModulesFaultUnderMPUWhereWasmTraps(features: BinaryenFuzz.Features) throws {
        guard let modules = Self.sample("WEFT_COMPILED_MPU_FUZZ_MODULES") else { return }
        let count = modules.count
        var calls = 0
        var faulted = 0
        var missed = 0
        for n in modules {
            let (seed, size) = Self.input(n)
            let original = try BinaryenFuzz.module(seed: seed, size: size, features: features)
            let module = try WasmDecoder.decode(original, file: "ttf\(n).wasm")
            let images = try CompiledInstance.linked(module: module, memory: .mpu, optimize: true)
            if let first = images.first {
                #expect(first.compiled.unsupported.isEmpty, "module \(n) (\(features)): \(first.compiled.unsupported)")
            }
            let transcript = try BinaryenFuzz.transcript(original, seed: n)
            let defined = transcript.firstIndex(where: \.trappedOutOfBounds) ?? transcript.count
            for compiled in images {
                let actual = try Self.transcript(compiled, seed: n)
                calls += min(actual.count, defined + 1)
                if let difference = BinaryenFuzz.firstDifference(
                    Array(transcript.prefix(defined)), Array(actual.prefix(defined)), "compiled")
                {
                    let path = BinaryenFuzz.keep(original, name: "weft-ttf-mpu-\(features)-\(n)")
                    Issue.record(
                        "module \(n) (\(features), mpu, \(compiled.linker), WEFT_COMPILED_FUZZ_FROM=\(n), \(path)): \(difference)"
                    )
                }
                if defined < transcript.count, defined < actual.count {
                    if actual[defined].line.contains(" = trap") {
                        faulted += 1
                    } else {
                        missed += 1
                        Issue.record(
                            "module \(n) (\(features), mpu, \(compiled.linker)): WasmKit traps out of bounds, compiled code runs on: \(actual[defined].line)"
                        )
                    }
                }
            }
        }
        print(
            "compiled binaryen fuzz (\(features), mpu): \(count) modules, \(calls) calls, \(faulted) calls out of bounds faulted, \(missed) did not"
        )
    }

    /// The modules of a sample run (`variable` modules per feature set, default 6, from
    /// `WEFT_COMPILED_FUZZ_FROM`); nil, with the issue recorded, without binaryen.
    static func sample(_ variable: String) -> Range<UInt64>? {
        guard BinaryenFuzz.wasmOpt != nil else {
            Issue.record("wasm-opt (binaryen) is not installed: make deps")
            return nil
        }
        let count = Int(ProcessInfo.processInfo.environment[variable] ?? "") ?? 6
        return first..<first + UInt64(count)
    }

    /// Whether a module uses reference types: a reference instruction, a value of reference
    /// type, or a table operator other than `call_indirect` through table 0.
    static func usesReferences(_ module: WasmModel.Module) -> Bool {
        let types = module.types.contains { ($0.params + $0.results).contains(where: \.isReference) }
        let globals = module.allGlobals.contains { $0.type.isReference }
        let code = module.functions.contains { f in
            f.locals.contains(where: \.isReference)
                || f.body.contains {
                    switch $0 {
                    case .refNull, .refIsNull, .refFunc, .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill,
                        .tableCopy, .tableInit, .elemDrop:
                        true
                    case .callIndirect(_, let t): t != 0
                    default: false
                    }
                }
        }
        return types || globals || code || module.allTables.count > 1
    }

    /// A refusal's reason without the numbers that differ from module to module.
    static func reason(_ text: String) -> String {
        String(text.map { $0.isNumber ? "N" : $0 })
    }

    /// Whether `binary`, compiled as the test compiles it, runs as in WasmKit on both linkers.
    static func runsAlike(_ binary: [UInt8], seed: UInt64) throws -> Bool {
        let module = try WasmDecoder.decode(binary, file: "denan.wasm")
        let expected = try BinaryenFuzz.transcript(binary, seed: seed)
        for compiled in try CompiledInstance.linked(module: module, memory: .checked, optimize: true) {
            guard compiled.compiled.unsupported.isEmpty else { return false }
            if BinaryenFuzz.firstDifference(expected, try transcript(compiled, seed: seed), "compiled") != nil {
                return false
            }
        }
        return true
    }

    /// The transcript `BinaryenFuzz.transcript` writes, from the compiled module.
    static func transcript(_ compiled: CompiledInstance, seed: UInt64, rounds: Int = 2) throws -> [BinaryenFuzz
        .Observation]
    {
        var rng = SplitMix64(seed: seed)
        var lines: [BinaryenFuzz.Observation] = []
        let hasReset = compiled.module.exports.contains { $0.name == BinaryenFuzz.hangLimitInitializer }
        let size = Int(min((compiled.module.allMemories.first?.min ?? 0) * 65536, 65536))
        for export in compiled.module.exports where export.name != BinaryenFuzz.hangLimitInitializer {
            guard case .function = export.kind else { continue }
            let type = try compiled.functionType(export.name)
            let params: [WasmKit.ValueType] = type.params.map {
                switch $0 {
                case .i64: .i64
                case .f32: .f32
                case .f64: .f64
                case .ref(let r) where r.heap == .extern: .ref(.externRef)
                case .ref: .ref(.funcRef)
                default: .i32
                }
            }
            for args in BinaryenFuzz.arguments(params, rounds: rounds, rng: &rng) {
                if hasReset { _ = try compiled.invoke(BinaryenFuzz.hangLimitInitializer, []) }
                compiled.importLog.calls = []
                var results: [WasmKit.Value]?
                var text: String?
                switch try compiled.invoke(export.name, args.map(CompiledInstance.bits)) {
                case .values(let values):
                    results = zip(values, type.results).map(CompiledInstance.value)
                case .trap: results = nil
                case .other(let what): text = "\(export.name): \(what)"
                }
                let logged = compiled.importLog.calls.flatMap(\.arguments)
                let line =
                    text ?? BinaryenFuzz.line(export: export.name, arguments: args, results: results, logged: logged)
                lines.append(BinaryenFuzz.Observation(line: line, memory: size > 0 ? try compiled.memory(size) : []))
            }
        }
        return lines
    }
}
