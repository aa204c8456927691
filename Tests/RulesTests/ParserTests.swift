import Rules
import Testing
import WasmModel

/// The rules language: what parses, what it means, and the errors (with file:line:col and a
/// hint) for what does not.
@Suite struct ParserTests {
    func parse(_ text: String) throws(RuleError) -> [Rule] { try RuleParser.parse(file: "t.weft", text: text) }

    func failure(_ text: String) -> RuleError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func ruleWithGuardAndComputedConstant() throws {
        let rules = try parse(
            """
            ; strength reduction: x mod 2^k
            rule rem-u-pow2: (i32.rem_u ?x (i32.const ?c)) => (i32.and ?x (i32.const (- ?c 1))) if (pow2 ?c)
            """)
        #expect(rules.count == 1)
        let r = rules[0]
        #expect(r.name == "rem-u-pow2")
        #expect(r.summary == "strength reduction: x mod 2^k")
        #expect(r.lhs == .op(.i32RemU, [.variable("x", .i32), .constant(.i32, .variable("c"))]))
        #expect(
            r.rhs
                == .op(.i32And, [.variable("x", .i32), .constant(.i32, .apply("-", [.variable("c"), .literal(1)]))]))
        #expect(r.guards == [Guard(name: "pow2", arguments: [.constant(.variable("c"), .i64)])])
        #expect(r.location.line == 2)
        #expect(r.text.hasPrefix("rule rem-u-pow2"))
    }

    /// A wrapping access stands for the 32-bit sum of address and offset (a target whose
    /// address arithmetic wraps), a plain one for Wasm's 33-bit sum; one kind cannot become
    /// the other.
    @Test func wrappingAccessesHaveA32BitEffectiveAddress() throws {
        let rules = try parse(
            """
            rule fold: (wrapping-load offset=?o (i32.add ?p (i32.const ?c))) => (wrapping-load offset=(+ ?o ?c) ?p)
            """)
        #expect(rules.count == 1)
        guard case .access(let kind, _, let address) = rules[0].lhs else {
            Issue.record("not an access: \(rules[0].lhs)")
            return
        }
        #expect(kind == .wrappingLoad && kind.wraps && !kind.isStore)
        #expect(rules[0].lhs.effectiveAddress == .op(.i32Add, [address, .constant(.i32, .variable("o"))]))
        #expect(rules[0].provable.lhs.type == .i32)
        let mixed = failure("rule m: (load (i32.add ?p (i32.const 1))) => (wrapping-load offset=1 ?p)")
        #expect(mixed?.description.contains("must be rewritten to a load") == true, "\(String(describing: mixed))")
    }

    @Test func multiLineRulesAndSelectTypes() throws {
        let rules = try parse(
            """
            ; branch-free ring-index wrap
            rule rem-u-wrap:
              (i32.rem_u (i32.add ?i (i32.const 1)) (i32.const ?n))
                => (select (i32.const 0) (i32.add ?i (i32.const 1))
                           (i32.eq (i32.add ?i (i32.const 1)) (i32.const ?n)))
              if (ult ?i ?n)

            rule sel-same: (select ?a:i32 ?a ?c) => ?a
            rule x: (i64.extend_i32_u (i32.wrap_i64 ?x)) => (i64.and ?x (i64.const 0xFFFF_FFFF))
            """)
        #expect(rules.map(\.name) == ["rem-u-wrap", "sel-same", "x"])
        #expect(rules[0].rhs.type == .i32)
        #expect(rules[0].guards == [Guard(name: "ult", arguments: [.value("i"), .constant(.variable("n"), .i64)])])
        #expect(rules[1].lhs == .select(.i32, .variable("a", .i32), .variable("a", .i32), .variable("c", .i32)))
        #expect(failure("rule s: (select ?a ?a ?c) => ?a")?.message == "cannot infer the type of this select")
        #expect(rules[2].lhs.type == .i64)
        #expect(rules[2].rhs == .op(.i64And, [.variable("x", .i64), .constant(.i64, .literal(0xFFFF_FFFF))]))
    }

    @Test func errorsNameTheLineColumnAndHint() {
        let unknown = failure("rule a: (i32.ad ?x ?y) => ?x")
        #expect(unknown?.description == "t.weft:1:9: error: unknown operator `i32.ad` (hint: did you mean i32.add?)")

        let unbound = failure("rule a: (i32.add ?x ?y) =>\n  ?z")
        #expect(unbound?.line == 2)
        #expect(unbound?.column == 3)
        #expect(unbound?.message == "?z is not bound by the left-hand side")

        let mismatch = failure("rule a: (i32.add ?x (i64.const 1)) => ?x")
        #expect(mismatch?.message == "type mismatch: i64.const gives i64 but i32 is expected here")

        let arity = failure("rule a: (i32.add ?x) => ?x")
        #expect(arity?.message == "i32.add takes 2 operand(s), given 1")

        let variableType = failure("rule a: (i32.add ?x ?y) => (i64.extend_i32_u ?x) ")
        #expect(variableType?.message == "type mismatch: i64.extend_i32_u gives i64 but i32 is expected here")

        let lhsComputation = failure("rule a: (i32.add ?x (i32.const (+ 1 2))) => ?x")
        #expect(lhsComputation?.message == "a left-hand side matches constants; compute them on the right")

        let guardName = failure("rule a: (i32.rem_u ?x (i32.const ?c)) => ?x if (power2 ?c)")
        #expect(guardName?.message == "unknown guard `power2`")
        #expect(guardName?.hint?.contains("pow2") == true)

        let guardVariable = failure("rule a: (i32.rem_u ?x (i32.const ?c)) => ?x if (pow2 ?d)")
        #expect(guardVariable?.message == "?d is not bound by the left-hand side")

        let noArrow = failure("rule a: (i32.add ?x ?y) ?x")
        #expect(noArrow?.message == "expected `=>` after the left-hand side")

        let unclosed = failure("rule a: (i32.add ?x ?y => ?x")
        #expect(unclosed?.message == "unexpected `=>`")

        let duplicate = failure("rule a: (i32.add ?x ?y) => ?x\nrule a: (i32.sub ?x ?y) => ?x")
        #expect(duplicate?.line == 2)
        #expect(duplicate?.message == "duplicate rule name `a`")

        let bareLeft = failure("rule a: ?x => ?x")
        #expect(bareLeft?.message == "the left-hand side must be an operator application")

        let notRule = failure("rul a: (i32.add ?x ?y) => ?x")
        #expect(notRule?.message == "expected `rule` or `inline`")

        let end = failure("rule a: (i32.add ?x ?y) =>")
        #expect(end?.message == "unexpected end of file")

        let constantAsValue = failure("rule a: (i32.add ?x (i32.const ?x)) => ?x")
        #expect(constantAsValue?.message == "?x is a value, not a constant, here")

        // Columns count characters: `é` and `→` are one each, though more bytes.
        let accented = failure("; naïve → (not code)\nrule café: (i32.add ?x (i32.frob ?y)) => ?x")
        #expect(accented?.line == 2)
        #expect(accented?.column == 24)
    }

    @Test func everyIntegerOperatorHasAPatternForm() throws {
        // Every numeric operator parses in a pattern with operands of its own types.
        for op in NumericOp.allCases {
            let sig = op.signature
            let names = ["?a", "?b", "?c"]
            let operands = sig.operands.indices.map { names[$0] }.joined(separator: " ")
            let text = "rule r: (\(op.name) \(operands)) => (\(op.name) \(operands))"
            let rules = try parse(text)
            #expect(rules.first?.lhs.type == sig.result, "\(op.name)")
        }
    }

    @Test func inlinePolicies() throws {
        let (rules, policies) = try RuleParser.parseAll(
            file: "t.weft",
            text: "; tiny\ninline tiny if (size-at-most 20) if (leaf)\nrule r: (i32.add ?x (i32.const 0)) => ?x\n")
        #expect(rules.count == 1)
        #expect(policies.map(\.name) == ["tiny"])
        #expect(policies.first?.conditions == [.sizeAtMost(20), .leaf])
        #expect(policies.first?.summary == "tiny")
        let growth = try RuleParser.parseAll(
            file: "t.weft", text: "inline few if (callers-at-most 4) if (growth-at-most 100)\n")
        #expect(growth.policies.first?.conditions == [.callersAtMost(4), .growthAtMost(100)])
        #expect(growth.policies.first?.description == "inline few if (callers-at-most 4) if (growth-at-most 100)")
        do {
            _ = try RuleParser.parseAll(file: "t.weft", text: "inline bad if (callers 2)\n")
            Issue.record("an unknown condition was accepted")
        } catch {
            #expect(error.description.contains("t.weft:1:"))
            #expect(error.description.contains("unknown inline condition `callers`"))
        }
        do {
            _ = try RuleParser.parseAll(file: "t.weft", text: "inline none\n")
            Issue.record("a policy without a condition was accepted")
        } catch {
            #expect(error.description.contains("needs a condition"))
        }
    }
}
