import Harness
import Rules
import Testing
import WasmModel
import Z3

@testable import Prove

/// The prover's meaning of every integer operator, constant operator and guard, checked
/// against the interpreter (`NumericOp.evaluate`, itself checked by the spec suite) and
/// `ConstantEvaluation` (what the optimizer computes) on edge-biased random inputs, in both
/// theories: Z3 evaluates the encoding with the operands fixed, and the value and the trap
/// must agree.
@Suite struct EncodingTests {
    static let integerOperators = NumericOp.allCases.filter { op in
        let s = op.signature
        return (s.operands + [s.result]).allSatisfy { $0 == .i32 || $0 == .i64 }
    }

    static func sample(_ rng: inout SplitMix64, _ width: Int) -> UInt64 {
        let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
        switch rng.below(6) {
        case 0: return UInt64(rng.below(4))
        case 1: return mask &- UInt64(rng.below(3))
        case 2: return (1 << UInt64(width - 1)) &+ UInt64(rng.below(2))
        case 3: return UInt64(1) << UInt64(rng.below(width))
        case 4: return UInt64(width + rng.below(3) - 1)
        default: return rng.next() & mask
        }
    }

    /// Solves `term` (with `trap`) for fixed operands: its value and whether it traps.
    static func evaluate(
        _ encoder: TermEncoder, value: Value, trap: Term, operands: [(String, Int, UInt64)], context: Context
    ) throws -> (UInt64, Bool) {
        let theory = encoder.theory
        var body = ""
        for (name, width, v) in operands {
            let literal = Value.literal(v, width: width, theory: theory).term
            body += "(assert (= \(name) \(literal)))\n"
        }
        for (_, definition) in encoder.auxiliaries { body += "(assert \(definition))\n" }
        body += "(assert (= out \(value.term)))\n(assert (= out.trap \(trap)))\n"
        let sort: (Int) -> Sort = { theory == .bitVector ? .bitVector($0) : .int }
        let declarations =
            operands.map { ($0.0, sort($0.1)) } + [("out", sort(value.width)), ("out.trap", .bool)]
            + encoder.auxiliaries.map { ($0.name, Sort.int) }
        let query = Query(declarations: declarations, body: body, tactic: RuleQuery.tactic(theory))
        guard case .sat(let model) = try context.solve(query, milliseconds: 10_000) else {
            throw Failure(text: "not sat: \(query.script)")
        }
        return (model["out"] ?? 0, model["out.trap"] == 1)
    }

    struct Failure: Error { var text: String }

    @Test(arguments: Theory.allCases) func operatorsMatchTheInterpreter(_ theory: Theory) throws {
        let context = try Context()
        var rng = SplitMix64(seed: 0xE4C0DE)
        var checked = 0
        for op in Self.integerOperators {
            let types = op.signature.operands
            let widths = types.map { $0 == .i64 ? 64 : 32 }
            for _ in 0..<6 {
                let values = widths.map { Self.sample(&rng, $0) }
                var symbols: [String: Value] = [:]
                var operands: [Pattern] = []
                for (i, w) in widths.enumerated() {
                    let name = ["a", "b"][i]
                    symbols[name] = Value(term: .symbol("?" + name), width: w, low: 0, high: Value.modulus(w) - 1)
                    operands.append(.variable(name, types[i]))
                }
                var encoder = TermEncoder(theory: theory, symbols: symbols)
                let encoded: (value: Value, trap: Term)
                do {
                    encoded = try encoder.encode(.op(op, operands))
                } catch {
                    continue  // Not expressible in this theory (bitwise operators in integers).
                }
                let (out, trapped) = try Self.evaluate(
                    encoder, value: encoded.value, trap: encoded.trap,
                    operands: zip(["?a", "?b"], zip(widths, values)).map { ($0, $1.0, $1.1) }, context: context)
                let expected = op.evaluate(values[0], values.count > 1 ? values[1] : 0)
                switch expected {
                case .trap?: #expect(trapped, "\(op.name) \(values) should trap (\(theory))")
                case .value(let v)?:
                    #expect(
                        !trapped && out == v, "\(op.name) \(values): \(out) trap=\(trapped), expected \(v) (\(theory))")
                case nil: Issue.record("\(op.name) is not evaluated")
                }
                checked += 1
            }
        }
        #expect(checked >= (theory == .bitVector ? 390 : 150))
    }

    @Test(arguments: Theory.allCases) func constantOperatorsMatchConstantEvaluation(_ theory: Theory) throws {
        let context = try Context()
        var rng = SplitMix64(seed: 0xC0257)
        var checked = 0
        for (f, arity) in ConstExpr.operators.sorted(by: { $0.key < $1.key }) {
            for width in [32, 64] {
                for _ in 0..<6 {
                    let values = (0..<arity).map { _ in Self.sample(&rng, width) }
                    let names = ["a", "b"].prefix(arity)
                    var symbols: [String: Value] = [:]
                    for name in names {
                        symbols[name] = Value(
                            term: .symbol("?" + name), width: width, low: 0, high: Value.modulus(width) - 1)
                    }
                    var encoder = TermEncoder(theory: theory, symbols: symbols)
                    let expression = ConstExpr.apply(f, names.map { .variable($0) })
                    guard let value = try? encoder.constant(expression, width: width) else { continue }
                    let defined = Term.and(encoder.definedness)
                    let expected = ConstantEvaluation.evaluate(expression, width: width) {
                        $0 == "a" ? values[0] : values[1]
                    }
                    // `out.trap` carries "undefined" here.
                    let (out, undefined) = try Self.evaluate(
                        encoder, value: value, trap: .not(defined),
                        operands: zip(names.map { "?" + $0 }, values).map { ($0, width, $1) }, context: context)
                    if let expected {
                        #expect(
                            !undefined && out == expected, "(\(f) \(values)) at \(width): \(out), expected \(expected)")
                    } else {
                        #expect(undefined, "(\(f) \(values)) at \(width) should be undefined")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= (theory == .bitVector ? 150 : 60))
    }

    /// Guards mean what the optimizer checks on constants (`Binding.holds` reads class
    /// variables as exact constants, which is what a guard on facts implies).
    @Test(arguments: Theory.allCases) func guardsMatchTheirConcreteMeaning(_ theory: Theory) throws {
        let context = try Context()
        var rng = SplitMix64(seed: 0x6A4D)
        for name in Guard.arities.keys.sorted() {
            let arity = Guard.arities[name] ?? 1
            for _ in 0..<10 {
                var values = (0..<arity).map { _ in Self.sample(&rng, 64) }
                if name == "known-zero" && theory == .integer { values[1] = (1 << UInt64(rng.below(20))) - 1 }
                let g = Guard(
                    name: name,
                    arguments: [.value("a"), .constant(.variable("b"), .i64)].prefix(arity).map { $0 })
                var encoder = TermEncoder(
                    theory: theory,
                    symbols: [
                        "a": Value(term: .symbol("?a"), width: 64, low: 0, high: Value.modulus(64) - 1),
                        "b": .literal(values.count > 1 ? values[1] : 0, width: 64, theory: theory),
                    ])
                guard let condition = try? encoder.condition(g) else { continue }
                let (_, holds) = try Self.evaluate(
                    encoder, value: .literal(0, width: 32, theory: theory), trap: condition,
                    operands: [("?a", 64, values[0])], context: context)
                let binding = Binding(values: [
                    .init(name: "a", type: .i64, bits: values[0], isConstant: false),
                    .init(name: "b", type: .i64, bits: values.count > 1 ? values[1] : 0, isConstant: true),
                ])
                #expect(holds == binding.holds(g), "\(g) on \(values) (\(theory))")
            }
        }
    }
}
