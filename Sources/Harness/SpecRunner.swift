import Foundation
import WAT
import WasmKit
import WasmParser

/// Runs `.wast` spec scripts on WasmKit's runtime, after sending every module through a
/// transformation (weft's pipeline): the assertions are checked on the transformed module.
///
/// - `module`: transformed, then instantiated; a pipeline error on a valid module fails.
/// - `assert_invalid` / `assert_malformed`: the module must be rejected (by the text parser or
///   by the pipeline's decoder and validator).
/// - `assert_return`, `assert_trap`, `assert_exhaustion`, `invoke`, `get`: run on the
///   transformed instance; `assert_unlinkable` and instantiation traps likewise.
///
/// Invariant: every directive yields exactly one result (passed, failed or skipped).
public struct SpecRunner: Sendable {
    /// Module bytes in, module bytes out; throws to reject the module.
    public typealias Transform = @Sendable (_ binary: [UInt8], _ name: String) throws -> [UInt8]

    public let transform: Transform

    public init(transform: @escaping Transform) {
        self.transform = transform
    }

    /// Features of the runtime and text parser: Wasm 2.0 plus typed function references,
    /// as the spec suite's core files need.
    static let features: WasmFeatureSet = [.referenceTypes, .functionReferences, .multiMemory]

    /// Runs the script at `path`. `skip` maps a directive's line to why it is skipped; a
    /// skipped directive still runs, and `SpecReport.nowPassing` lists those that pass.
    public func run(path: String, skip: [Int: String] = [:]) -> SpecReport {
        let name = (path as NSString).lastPathComponent
        var report = SpecReport(file: name)
        guard let data = FileManager.default.contents(atPath: path) else {
            report.record(line: 0, .failed("cannot read \(path)"))
            return report
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = ScriptLines(text).lines
        var context = ScriptContext(runner: self, name: name)
        var script: WAST
        do {
            script = try parseWAST(text, features: Self.features)
        } catch {
            report.record(line: 0, .failed("cannot parse the script: \(error)"))
            return report
        }
        var index = 0
        while let (parsed, _) = script.nextDirectiveResult() {
            let line = index < lines.count ? lines[index] : 0
            index += 1
            let result: DirectiveResult
            switch parsed {
            case .success(let directive):
                result = context.run(directive)
            case .failure(let failure):
                if failure.module != nil { context.current = nil }
                result = .failed("the script's directive does not parse: \(failure.error)")
            }
            if let reason = skip[line] {
                if case .passed = result { report.nowPassing.append(line) }
                report.record(line: line, .skipped(reason))
            } else {
                report.record(line: line, result)
            }
        }
        return report
    }
}

/// What one directive came to.
public enum DirectiveResult: Sendable, Equatable {
    case passed
    case failed(String)
    case skipped(String)
}

/// Counts and failures of one script.
public struct SpecReport: Sendable {
    public var file: String
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    /// Line and reason of each failed directive.
    public var failures: [(line: Int, message: String)] = []
    /// Lines on the skip list whose directive passed: they should leave the list.
    public var nowPassing: [Int] = []

    init(file: String) {
        self.file = file
    }

    mutating func record(line: Int, _ result: DirectiveResult) {
        switch result {
        case .passed: passed += 1
        case .failed(let message):
            failed += 1
            failures.append((line, message))
        case .skipped: skipped += 1
        }
    }

    /// `file.wast: N passed, M failed` (and skipped, when any).
    public var summary: String {
        "\(file): \(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}

/// The state of one script run: the store, named instances, registered imports.
struct ScriptContext {
    let runner: SpecRunner
    let name: String
    let store: Store
    var imports = Imports()
    var current: Instance?
    var named: [String: Instance] = [:]
    var definitions: [String: WasmKit.Module] = [:]
    var lastDefinition: WasmKit.Module?
    var moduleCount = 0

    init(runner: SpecRunner, name: String) {
        self.runner = runner
        self.name = name
        var configuration = EngineConfiguration()
        configuration.features = SpecRunner.features
        store = Store(engine: Engine(configuration: configuration))
        if let host = try? Spectest.instantiate(store: store) {
            imports.define(module: "spectest", host.exports)
        }
    }

    enum Failure: Error {
        case text(String)
    }

    /// The binary of a module directive's source; throws when the text does not parse.
    static func binary(of source: ModuleSource) throws -> [UInt8] {
        switch source {
        case .text(let wat): return try wat.encode()
        case .binary(let bytes): return bytes
        case .quote(let text):
            return try wat2wasm(String(decoding: text, as: UTF8.self), features: SpecRunner.features)
        }
    }

    /// The module sent through the pipeline and compiled by WasmKit.
    mutating func transformed(_ binary: [UInt8]) throws -> WasmKit.Module {
        moduleCount += 1
        let output: [UInt8]
        do {
            output = try runner.transform(binary, "\(name)#\(moduleCount)")
        } catch {
            throw Failure.text("weft rejected a valid module: \(error)")
        }
        do {
            return try parseWasm(bytes: output, features: SpecRunner.features)
        } catch {
            throw Failure.text("WasmKit rejected weft's output: \(error)")
        }
    }

    mutating func run(_ directive: WASTDirective) -> DirectiveResult {
        do {
            return try execute(directive)
        } catch Failure.text(let message) {
            return .failed(message)
        } catch {
            return .failed("\(error)")
        }
    }

    private mutating func execute(_ directive: WASTDirective) throws -> DirectiveResult {
        switch directive {
        case .module(let m):
            current = nil
            let module = try transformed(try Self.binary(of: m.source))
            if m.isDefinition {
                lastDefinition = module
                if let id = m.id { definitions[id] = module }
                return .passed
            }
            let instance = try instantiate(module)
            current = instance
            if let id = m.id { named[id] = instance }
            return .passed

        case .moduleInstance(let instanceId, let moduleId):
            current = nil
            guard let definition = moduleId.map({ definitions[$0] }) ?? lastDefinition else {
                return .failed("no module definition \(moduleId ?? "")")
            }
            let instance = try instantiate(definition)
            current = instance
            if let instanceId { named[instanceId] = instance }
            return .passed

        case .register(let as_, let moduleId):
            guard let instance = moduleId.map({ named[$0] }) ?? current else {
                return .failed("no module to register")
            }
            imports.define(module: as_, instance.exports)
            return .passed

        case .assertInvalid(let m, let message), .assertMalformed(let m, let message):
            current = nil
            let binary: [UInt8]
            do {
                binary = try Self.binary(of: m.source)
            } catch {
                return .passed  // The text parser rejected it.
            }
            do {
                _ = try runner.transform(binary, "\(name)#invalid")
            } catch {
                return .passed
            }
            return .failed("weft accepted a module that must be rejected (\(message))")

        case .assertUnlinkable(let wat, let message):
            current = nil
            let module = try transformed(try wat.encode())
            do {
                _ = try module.instantiate(store: store, imports: imports)
            } catch {
                return .passed
            }
            return .failed("module linked, expected: \(message)")

        case .assertTrap(.wat(let wat), let message):
            current = nil
            let module = try transformed(try wat.encode())
            do {
                _ = try module.instantiate(store: store, imports: imports)
            } catch let trap as Trap {
                return Self.trapMatches(trap, message)
            }
            return .failed("instantiation did not trap, expected: \(message)")

        case .assertReturn(let execute, let expected):
            let actual = try self.execute(execute)
            guard actual.count == expected.count,
                zip(actual, expected).allSatisfy({ Self.matches($0, $1) })
            else {
                return .failed("expected \(expected), got \(actual)")
            }
            return .passed

        case .assertTrap(let execute, let message):
            do {
                let values = try self.execute(execute)
                return .failed("expected a trap (\(message)), got \(values)")
            } catch let trap as Trap {
                return Self.trapMatches(trap, message)
            }

        case .assertExhaustion(let call, let message):
            do {
                let values = try invoke(call)
                return .failed("expected exhaustion (\(message)), got \(values)")
            } catch let trap as Trap {
                return Self.trapMatches(trap, message)
            }

        case .invoke(let call):
            _ = try invoke(call)
            return .passed

        case .assertException, .assertFuel, .assertOutOfFuel:
            return .failed("directive not supported by the harness")
        }
    }

    private static func trapMatches(_ trap: Trap, _ message: String) -> DirectiveResult {
        let text = trap.description
        // WasmKit words a few traps differently from the reference interpreter.
        let aliases: [String: [String]] = [
            "undefined element": ["out of bounds table access", "undefined element"],
            "uninitialized element": ["uninitialized element", "indirect call to null"],
            "indirect call type mismatch": ["indirect call type mismatch", "type mismatch"],
        ]
        let accepted = aliases.first { message.hasPrefix($0.key) }?.value ?? [message]
        if accepted.contains(where: { text.contains($0) }) { return .passed }
        return .failed(
            "trapped with \"\(text.split(separator: "\n").first ?? "")\", expected \"\(message)\"")
    }

    private func instantiate(_ module: WasmKit.Module) throws -> Instance {
        do {
            return try module.instantiate(store: store, imports: imports)
        } catch {
            throw Failure.text("instantiation failed: \(error)")
        }
    }

    private mutating func execute(_ execute: WASTExecute) throws -> [Value] {
        switch execute {
        case .invoke(let call):
            return try invoke(call)
        case .get(let module, let globalName):
            guard let instance = module.map({ named[$0] }) ?? current else {
                throw Failure.text("no module instance")
            }
            guard case .global(let global) = instance.export(globalName) else {
                throw Failure.text("no global export \(globalName)")
            }
            return [global.value]
        case .wat(let wat):
            let module = try transformed(try wat.encode())
            _ = try module.instantiate(store: store, imports: imports)
            return []
        }
    }

    private func invoke(_ call: WASTInvoke) throws -> [Value] {
        guard let instance = call.module.map({ named[$0] }) ?? current else {
            throw Failure.text("no module instance for \(call.name)")
        }
        guard let function = instance.exports[function: call.name] else {
            throw Failure.text("no exported function \(call.name)")
        }
        let args = try call.args.map { arg -> Value in
            switch arg {
            case .i32(let v): return .i32(v)
            case .i64(let v): return .i64(v)
            case .f32(let v): return .f32(v)
            case .f64(let v): return .f64(v)
            case .v128(let v): return .v128(v)
            case .refNull(let heap):
                if case .abstract(.externRef) = heap { return .ref(.extern(nil)) }
                return .ref(.function(nil))
            case .refExtern(let v): return .ref(.extern(Int(v)))
            case .refFunc(let v): return .ref(.function(Int(v)))
            case .refHost: throw Failure.text("ref.host arguments are not supported")
            }
        }
        return try function.invoke(args)
    }

    static func matches(_ value: Value, _ expected: WASTExpectValue) -> Bool {
        switch (value, expected) {
        case (.i32(let a), .i32(let b)): return a == b
        case (.i64(let a), .i64(let b)): return a == b
        // Floats compare bit for bit; NaN expectations accept the NaNs the spec allows.
        case (.f32(let a), .f32(let b)): return a == b
        case (.f64(let a), .f64(let b)): return a == b
        case (.f32(let a), .f32CanonicalNaN): return a & 0x7FFF_FFFF == 0x7FC0_0000
        case (.f32(let a), .f32ArithmeticNaN): return a & 0x7FC0_0000 == 0x7FC0_0000
        case (.f64(let a), .f64CanonicalNaN): return a & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
        case (.f64(let a), .f64ArithmeticNaN): return a & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        case (.v128(let a), .v128(let b)): return a == b
        case (.ref(.function(nil)), .refNull), (.ref(.extern(nil)), .refNull): return true
        case (.ref(.function(let a?)), .refFunc(let b)): return b.map { Int($0) == a } ?? true
        case (.ref(.extern(let a?)), .refExtern(let b)): return b.map { Int($0) == a } ?? true
        case (_, .either(let options)): return options.contains { matches(value, $0) }
        default: return false
        }
    }
}

/// The `spectest` host module the scripts import from.
enum Spectest {
    static func instantiate(store: Store) throws -> Instance {
        let bytes = try wat2wasm(
            """
            (module
              (global (export "global_i32") i32 (i32.const 666))
              (global (export "global_i64") i64 (i64.const 666))
              (global (export "global_f32") f32 (f32.const 666.6))
              (global (export "global_f64") f64 (f64.const 666.6))
              (table (export "table") 10 20 funcref)
              (table (export "table64") 10 20 funcref)
              (memory (export "memory") 1 2)
              (func (export "print"))
              (func (export "print_i32") (param i32))
              (func (export "print_i64") (param i64))
              (func (export "print_f32") (param f32))
              (func (export "print_f64") (param f64))
              (func (export "print_i32_f32") (param i32 f32))
              (func (export "print_f64_f64") (param f64 f64))
            )
            """)
        return try parseWasm(bytes: bytes, features: SpecRunner.features).instantiate(store: store)
    }
}
