import Foundation
import Harness
import Prove
import Rules
import Testing
import WAT
import WasmKit
import WasmModel
import Z3

/// The corpus of subtly wrong rules (wrong-rules.weft): every one is refuted, and every
/// counterexample is run on both sides in WasmKit, which must disagree with itself on it.
/// This checks the prover's encoding against an independent Wasm engine.
@Suite struct WrongRulesTests {
    static let corpus: [Rule] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "wrong-rules.weft"
        ).path
        return (try? RuleSet.load([path]).rules) ?? []
    }()

    @Test func theCorpusIsLarge() {
        #expect(Self.corpus.count >= 25)
    }

    /// Refuted twice: with the edge-value search first (what `weft prove` does), and by Z3
    /// alone, so that both the search's and Z3's counterexamples are confirmed.
    @Test(arguments: corpus) func isRefutedWithACounterexampleWasmKitConfirms(_ rule: Rule) throws {
        let context = try Context()
        for searchFirst in [true, false] {
            let proof = Prover(timeout: 60, searchFirst: searchFirst).prove(rule, context: context)
            guard case .refuted(let counterexample) = proof.verdict else {
                Issue.record("\(rule.name): expected REFUTED, got \(proof.verdict)")
                return
            }
            try confirm(rule, counterexample)
        }
    }

    func confirm(_ rule: Rule, _ counterexample: Counterexample) throws {
        if rule.isAccess {
            // The prover shows two effective addresses: WasmKit computes the same two, and
            // where both lie in the page it has, the loads themselves read different bytes.
            let left = try Self.run(rule.lhs.effectiveAddress, counterexample.binding)
            let right = try Self.run(rule.rhs.effectiveAddress, counterexample.binding)
            #expect(left == Self.describe(counterexample.left), "\(rule.name)")
            #expect(right == Self.describe(counterexample.right), "\(rule.name)")
            #expect(left != right, "\(rule.name)")
            // (A wrapping access's address is not Wasm's: only the addresses are compared.)
            if case .access(let kind, _, _) = rule.lhs, !kind.wraps, let a = UInt64(left), let b = UInt64(right),
                a < 65532, b < 65532
            {
                #expect(try Self.run(rule.lhs, counterexample.binding) != Self.run(rule.rhs, counterexample.binding))
            }
            return
        }
        let left = try Self.run(rule.lhs, counterexample.binding)
        let right = try Self.run(rule.rhs, counterexample.binding)
        #expect(left != right, "\(rule.name): WasmKit gives \(left) on both sides for \(counterexample)")
        // What the prover reported is what WasmKit computed.
        #expect(left == Self.describe(counterexample.left), "\(rule.name)")
        #expect(right == Self.describe(counterexample.right), "\(rule.name)")
    }

    static func describe(_ e: Evaluation) -> String {
        switch e {
        case .trap: "trap"
        case .value(let v): "\(v)"
        }
    }

    /// `pattern` as a Wasm function of its class variables, with the binding's constants
    /// substituted, run in WasmKit on the binding's values: the result's bits, or "trap".
    static func run(_ pattern: Pattern, _ binding: Binding) throws -> String {
        let parameters = binding.values.filter { !$0.isConstant }
        let body = try PatternText.wat(pattern, binding: binding, parameters: parameters.map(\.name))
        var result = pattern.type
        var memory = ""
        if case .access = pattern {
            // One page whose bytes are their own addresses (mod 256).
            result = .i32
            memory =
                "(memory 1) (data (i32.const 0) \"" + (0..<256).map { String(format: "\\%02x", $0) }.joined() + "\")"
        }
        let wat = """
            (module \(memory) (func (export "f") (param \(parameters.map { "\($0.type)" }.joined(separator: " "))) \
            (result \(result)) \(body)))
            """
        let module = try parseWasm(bytes: try wat2wasm(wat))
        let store = Store(engine: Engine())
        let instance = try module.instantiate(store: store)
        guard let f = instance.exports[function: "f"] else { return "no export" }
        let args: [WasmKit.Value] = parameters.map {
            $0.type == .i64 ? .i64($0.bits) : .i32(UInt32(truncatingIfNeeded: $0.bits))
        }
        do {
            let results = try f.invoke(args)
            switch results.first {
            case .i32(let v)?: return "\(v)"
            case .i64(let v)?: return "\(v)"
            default: return "unexpected \(results)"
            }
        } catch is WasmKit.Trap {
            return "trap"
        }
    }
}

/// A pattern written as a folded WAT expression under a binding.
enum PatternText {
    struct Unbound: Error { var name: String }

    static func wat(_ p: Pattern, binding: Binding, parameters: [String]) throws -> String {
        switch p {
        case .variable(let name, _):
            guard let index = parameters.firstIndex(of: name) else { throw Unbound(name: name) }
            return "(local.get \(index))"
        case .constant(let type, let e):
            guard
                let v = ConstantEvaluation.evaluate(e, width: type == .i64 ? 64 : 32, constants: { binding[$0] })
            else { throw Unbound(name: "\(e)") }
            let signed = type == .i64 ? Int64(bitPattern: v) : Int64(Int32(truncatingIfNeeded: v))
            return "(\(type).const \(signed))"
        case .op(let op, let kids):
            return
                "(\(op.name) \(try kids.map { try wat($0, binding: binding, parameters: parameters) }.joined(separator: " ")))"
        case .select(_, let a, let b, let c):
            return
                "(select \(try [a, b, c].map { try wat($0, binding: binding, parameters: parameters) }.joined(separator: " ")))"
        case .access(_, let offset, let address):
            guard let o = ConstantEvaluation.evaluate(offset, width: 64, constants: { binding[$0] }) else {
                throw Unbound(name: "\(offset)")
            }
            return "(i32.load offset=\(o) \(try wat(address, binding: binding, parameters: parameters)))"
        }
    }
}
