import Compile
import Foundation
import Harness
import Testing
import WAT
import WasmDecode
import WasmKit
import WasmModel

/// binaryen's random modules (`wasm-opt -ttf`, as `bench/binaryen_refusals.py` makes them),
/// compiled and run in the Cortex-M3 machine against WasmKit: opt-in, with
/// `WEFT_BINARYEN_MODULES=DIR` (every `*.wasm` there, `WEFT_BINARYEN_LIMIT` of them at most).
/// Before each export the hang limit is reset (`hangLimitInitializer`, as binaryen's own
/// harness does); each export is called on seeded arguments, and its results or trap and then
/// `hashMemory`'s result must agree. Imports do nothing and return zeros on both sides. A
/// float result that is a NaN on both sides agrees whatever its bits (arithmetic NaNs'
/// payloads are nondeterministic in Wasm).
@Suite struct BinaryenModuleTests {
    static let directory = ProcessInfo.processInfo.environment["WEFT_BINARYEN_MODULES"]
    static let limit = Int(ProcessInfo.processInfo.environment["WEFT_BINARYEN_LIMIT"] ?? "") ?? Int.max

    /// A host module giving each function import of `module` as a function returning zeros.
    static func host(for module: WasmModel.Module, field: String) -> String? {
        var funcs = ""
        for imp in module.imports where imp.module == field {
            guard case .function(let t) = imp.kind else { return nil }
            let type = module.types[Int(t)]
            let params = type.params.map { "\($0)" }.joined(separator: " ")
            let results = type.results.map { "\($0)" }.joined(separator: " ")
            let zeros = type.results.map { "(\($0).const 0)" }.joined(separator: " ")
            funcs += "(func (export \"\(imp.name)\") (param \(params)) (result \(results)) \(zeros))\n"
        }
        return "(module \(funcs))"
    }

    static func agree(_ got: [UInt64], _ expected: [WasmKit.Value]) -> Bool {
        guard got.count == expected.count else { return false }
        for (g, e) in zip(got, expected) {
            switch e {
            case .i32(let v): if UInt32(truncatingIfNeeded: g) != v { return false }
            case .i64(let v): if g != v { return false }
            case .f32(let v):
                let x = UInt32(truncatingIfNeeded: g)
                if x != v, !(x & 0x7FFF_FFFF > 0x7F80_0000 && v & 0x7FFF_FFFF > 0x7F80_0000) { return false }
            case .f64(let v):
                let nan: UInt64 = 0x7FF0_0000_0000_0000
                if g != v, !(g & ~(1 << 63) > nan && v & ~(1 << 63) > nan) { return false }
            default: return false
            }
        }
        return true
    }

    @Test(.enabled(if: directory != nil))
    func binaryenModulesRunCompiledAsInWasmKit() throws {
        let dir = try #require(Self.directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".wasm") }.sorted()
        var modules = 0
        var calls = 0
        var refused: [String] = []
        for file in files.prefix(Self.limit) {
            let binary = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(file)")))
            let module = try WasmDecoder.decode(binary, file: file)
            let compiled: CompiledInstance
            do {
                compiled = try CompiledInstance(module: module, memory: .checked, optimize: true)
            } catch {
                refused.append("\(file): \(error)")
                continue
            }
            let store = Store(engine: Engine())
            var imports = Imports()
            for field in Set(module.imports.map(\.module)) {
                guard let wat = Self.host(for: module, field: field) else { continue }
                let host = try parseWasm(bytes: try wat2wasm(wat)).instantiate(store: store)
                imports.define(module: field, host.exports)
            }
            let reference = try parseWasm(bytes: binary).instantiate(store: store, imports: imports)
            modules += 1
            var rng = SplitMix64(seed: UInt64(modules))
            for e in module.exports {
                guard case .function(let k) = e.kind, e.name != "hashMemory", e.name != "hangLimitInitializer"
                else { continue }
                if compiled.unsupported(e.name) != nil {
                    refused.append("\(file) \(e.name): \(compiled.unsupported(e.name) ?? "")")
                    continue
                }
                let type = module.types[Int(module.functionTypeIndices[Int(k)])]
                let args: [UInt64] = type.params.map { t in
                    let r = rng.next()
                    let v = [0, 1, UInt64.max, r, r & 0xFF, r >> 40][Int(r % 6)]
                    return t == .i64 || t == .f64 ? v : v & 0xFFFF_FFFF
                }
                let values: [WasmKit.Value] = zip(args, type.params).map { v, t in
                    switch t {
                    case .i64: .i64(v)
                    case .f32: .f32(UInt32(truncatingIfNeeded: v))
                    case .f64: .f64(v)
                    default: .i32(UInt32(truncatingIfNeeded: v))
                    }
                }
                if module.exports.contains(where: { $0.name == "hangLimitInitializer" }) {
                    _ = try? reference.exports[function: "hangLimitInitializer"]?.invoke([])
                    _ = try compiled.invoke("hangLimitInitializer", [])
                }
                var expected: [WasmKit.Value]?
                do {
                    expected = try reference.exports[function: e.name]?.invoke(values)
                } catch {
                    expected = nil
                }
                let got = try compiled.invoke(e.name, args)
                calls += 1
                let same: Bool
                switch (got, expected) {
                case (.trap, nil): same = true
                case (.values(let g), .some(let x)): same = Self.agree(g, x)
                default: same = false
                }
                guard same else {
                    Issue.record("\(file) \(e.name)(\(args)): WasmKit \(String(describing: expected)), compiled \(got)")
                    break
                }
                if module.exports.contains(where: { $0.name == "hashMemory" }) {
                    let hash = try? reference.exports[function: "hashMemory"]?.invoke([])
                    let mine = try compiled.invoke("hashMemory", [])
                    var agree = false
                    switch (mine, hash) {
                    case (.trap, nil): agree = true
                    case (.values(let h), .some(let x)): agree = Self.agree(h, x)
                    default: break
                    }
                    guard agree else {
                        Issue.record(
                            "\(file) after \(e.name)(\(args)): memory hash WasmKit \(String(describing: hash)), compiled \(mine)"
                        )
                        break
                    }
                }
            }
        }
        print("binaryen modules: \(modules) run, \(calls) calls, \(refused.count) refused")
        for r in refused.prefix(10) { print("  refused \(r)") }
    }
}
