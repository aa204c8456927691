import Compile
import Foundation
import Harness
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmModel

/// The integer spec files run compiled: every module of a script is optimized by weft,
/// compiled for Cortex-M3 (checked memory model: Wasm's traps exactly), linked by GNU ld and
/// by ld.lld, and each image loaded into a Unicorn machine; every `assert_return` and
/// `assert_trap` on an invoke is checked on the Thumb-2 code of both. Directives the harness cannot run compiled (registered cross-module
/// imports, exhaustion, modules using features weft compile refuses) are counted as
/// skipped with the reason; a test fails on any failed assertion and on a file whose
/// skipped share grows beyond what is listed here.
@Suite struct CompiledSpecTests {
    struct Report {
        var passed = 0
        var failed: [String] = []
        var skipped: [String: Int] = [:]
        var skippedCount: Int { skipped.values.reduce(0, +) }
    }

    static func binary(_ source: ModuleSource) throws -> [UInt8] {
        switch source {
        case .text(var wat): return try wat.encode()
        case .binary(let bytes): return bytes
        case .quote(let text): return try wat2wasm(String(decoding: text, as: UTF8.self))
        }
    }

    static func matches(_ value: UInt64, _ expected: WASTExpectValue) -> Bool {
        switch expected {
        case .i32(let b): return UInt32(truncatingIfNeeded: value) == b
        case .i64(let b): return value == b
        case .f32(let b): return UInt32(truncatingIfNeeded: value) == b
        case .f64(let b): return value == b
        case .f32CanonicalNaN: return UInt32(truncatingIfNeeded: value) & 0x7FFF_FFFF == 0x7FC0_0000
        case .f32ArithmeticNaN: return UInt32(truncatingIfNeeded: value) & 0x7FC0_0000 == 0x7FC0_0000
        case .f64CanonicalNaN: return value & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
        case .f64ArithmeticNaN: return value & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        case .either(let options): return options.contains { matches(value, $0) }
        case .refNull: return value == 0
        case .refFunc: return value != 0  // a record's address: which function is not checked
        case .refExtern(let v?): return value == UInt64(v) + 1
        case .refExtern(nil): return value != 0
        default: return false
        }
    }

    /// An argument as the compiled code takes it: a number's bits, a reference's word (null 0,
    /// the script's extern value v as the host word v + 1, since a host never passes 0 for a
    /// non-null reference), or nil when the harness cannot pass it.
    static func word(_ a: WASTConstValue) -> UInt64? {
        switch a {
        case .i32(let v): UInt64(v)
        case .i64(let v): v
        case .f32(let v): UInt64(v)
        case .f64(let v): v
        case .refNull: 0
        case .refExtern(let v): UInt64(v) + 1
        default: nil
        }
    }

    /// Checks one call on the module linked by each linker (`current`, empty when the module
    /// was not compiled): it passes when every image gives what the script expects.
    static func check(
        _ call: WASTInvoke, _ expected: [WASTExpectValue]?, line: Int, _ current: [CompiledInstance],
        _ skipReason: String?, _ report: inout Report, file: String = ""
    ) {
        guard call.module == nil else {
            report.skipped["named module", default: 0] += 1
            return
        }
        guard let instance = current.first else {
            report.skipped[skipReason ?? "no module", default: 0] += 1
            return
        }
        if let reason = instance.unsupported(call.name) {
            report.skipped["not compiled: \(reason.split(separator: ":").last ?? "")", default: 0] += 1
            return
        }
        if instance.growsMemory(call.name) {
            // Growing a fixed-size memory fails (-1), as Wasm allows; these scripts expect growth.
            report.skipped["memory.grow (the compiled memory has a fixed size)", default: 0] += 1
            return
        }
        var args: [UInt64] = []
        for a in call.args {
            switch word(a) {
            case let v?: args.append(v)
            case nil:
                report.skipped["reference arguments", default: 0] += 1
                return
            }
        }
        for instance in current {
            let outcome: CompiledInstance.Outcome
            let by = "linked by \(instance.linker)"
            do {
                outcome = try instance.invoke(call.name, args)
            } catch {
                report.failed.append("line \(line): \(call.name) (\(by)): \(error)")
                return
            }
            if let values = expected {
                guard case .values(let got) = outcome, got.count == values.count,
                    zip(got, values).allSatisfy({ matches($0, $1) })
                else {
                    report.failed.append(
                        "line \(line): \(call.name)\(args) (\(by)): expected \(values), got \(outcome)")
                    return
                }
            } else if outcome != .trap {
                report.failed.append("line \(line): \(call.name)\(args) (\(by)): expected a trap, got \(outcome)")
                return
            }
        }
        report.passed += 1
    }

    static func run(_ file: String, optimize: Bool = true) throws -> Report {
        let text = try String(contentsOfFile: "\(TestPaths.specSuite)/\(file)", encoding: .utf8)
        var script = try parseWAST(text, features: [.referenceTypes])
        var report = Report()
        // The current module, compiled once and linked by each linker.
        var current: [CompiledInstance] = []
        var skipReason: String?
        var moduleCount = 0
        /// State that calls not run compiled may have changed: later calls that read it are
        /// skipped, since the script expects the state those calls would have left.
        var stale = CompiledInstance.State()
        /// Whether `call` is not run: it reads stale state, or (noted as stale) it is not compiled.
        func notRun(_ call: WASTInvoke) -> Bool {
            guard let instance = current.first, call.module == nil else { return false }
            if instance.unsupported(call.name) != nil || instance.growsMemory(call.name) {
                let writes = instance.effects(call.name).writes
                stale.memory = stale.memory || writes.memory
                stale.size = stale.size || writes.size
                stale.table = stale.table || writes.table
                stale.globals.formUnion(writes.globals)
                return false  // check() counts it with its reason
            }
            if instance.effects(call.name).reads.overlaps(stale) {
                report.skipped["reads state a call not run compiled changed", default: 0] += 1
                return true
            }
            return false
        }
        while let (parsed, location) = script.nextDirectiveResult() {
            let line = location.computeLineAndColumn().line
            guard case .success(let directive) = parsed else {
                report.skipped["directive does not parse", default: 0] += 1
                continue
            }
            switch directive {
            case .module(let m):
                current = []
                skipReason = nil
                stale = CompiledInstance.State()
                moduleCount += 1
                do {
                    let bytes = try binary(m.source)
                    let module = try WasmDecoder.decode(bytes, file: "\(file)#\(moduleCount)")
                    current = try CompiledInstance.linked(module: module, memory: .checked, optimize: optimize)
                    report.passed += 1
                } catch CompilePipeline.Failure.unsupported(_, let e) {
                    skipReason = "module not compiled: \(e.description.prefix(80))"
                    report.skipped[skipReason!, default: 0] += 1
                } catch {
                    report.failed.append("\(file):\(line): module: \(error)")
                }
            case .assertReturn(.invoke(let call), let expected):
                guard !notRun(call) else { continue }
                check(call, expected, line: line, current, skipReason, &report)
            case .assertTrap(.invoke(let call), _):
                guard !notRun(call) else { continue }
                check(call, nil, line: line, current, skipReason, &report)
            case .invoke(let call):
                guard let instance = current.first, call.module == nil, !notRun(call),
                    instance.unsupported(call.name) == nil, !instance.growsMemory(call.name)
                else { continue }
                let args = call.args.compactMap(word)
                guard args.count == call.args.count else {
                    current = []
                    skipReason = "after a state change not run compiled"
                    continue
                }
                for image in current { _ = try? image.invoke(call.name, args) }
            case .assertInvalid, .assertMalformed:
                continue
            default:
                report.skipped["directive not run compiled", default: 0] += 1
            }
        }
        return report
    }

    /// The spec files run compiled, each with the most directives it may skip: a change that
    /// leaves more of a file unrun (an operator no longer compiled) fails the test; lower a
    /// ceiling when support grows.
    static let skipCeilings: [String: Int] = [
        "i32.wast": 0, "i64.wast": 0, "int_exprs.wast": 0, "int_literals.wast": 0, "br_table.wast": 0,
        "select.wast": 4, "block.wast": 2, "loop.wast": 2, "if.wast": 4, "br.wast": 0, "br_if.wast": 1,
        "return.wast": 0, "call.wast": 5, "call_indirect.wast": 4, "memory.wast": 1, "address.wast": 0,
        "load.wast": 1, "store.wast": 0, "left-to-right.wast": 0, "local_get.wast": 0, "local_set.wast": 0,
        "local_tee.wast": 1, "nop.wast": 10, "unreachable.wast": 0, "fac.wast": 1, "forward.wast": 0,
        "labels.wast": 0, "switch.wast": 0, "stack.wast": 0, "endianness.wast": 0, "unwind.wast": 0,
        "traps.wast": 0, "global.wast": 8, "align.wast": 0, "const.wast": 0, "func.wast": 0, "func_ptrs.wast": 0,
        "memory_size.wast": 12, "conversions.wast": 0, "f32.wast": 0, "f64.wast": 0, "f32_cmp.wast": 0,
        "f64_cmp.wast": 0, "f32_bitwise.wast": 0, "f64_bitwise.wast": 0, "float_exprs.wast": 0,
        "float_memory.wast": 0, "float_misc.wast": 0, "float_literals.wast": 0, "bulk.wast": 0,
        "memory_fill.wast": 0, "memory_copy.wast": 0, "memory_init.wast": 0,
    ]
    /// The files to run: none without the suite (SpecSuiteTests says it is skipped).
    static let files = TestPaths.specSuiteIsPresent ? skipCeilings.keys.sorted() : []

    @Test(arguments: files)
    func specFileRunsCompiled(_ file: String) throws {
        let report = try Self.run(file)
        let skipped = report.skipped.sorted { $0.value > $1.value }.map { "\($0.value)× \($0.key)" }
        print(
            "compiled \(file): \(report.passed) passed, \(report.failed.count) failed, \(report.skippedCount) skipped")
        for s in skipped.prefix(6) { print("  skipped \(s)") }
        #expect(report.failed.isEmpty, "\(report.failed.prefix(10).joined(separator: "\n"))")
        #expect(report.passed > 0)
        #expect(
            report.skippedCount <= Self.skipCeilings[file] ?? 0,
            "\(file): \(report.skippedCount) directives skipped, at most \(Self.skipCeilings[file] ?? 0) expected")
    }
}
