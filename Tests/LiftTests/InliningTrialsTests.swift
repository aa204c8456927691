import Harness
import Pipeline
import Rules
import Testing
import WasmModel

/// How `weft optimize` picks and runs the inlining trials it measures: the inline policies
/// nominate callees, a `growth-at-most` condition leaves out those whose copies would add more
/// code, and the winners of a batch of trials are inlined together when that is smaller still.
@Suite struct InliningTrialsTests {
    /// The shipped rewrite rules with these inline policies instead of the shipped ones.
    static func rules(policies: String) throws -> RuleSet {
        let shipped = try TestPaths.rules
        let parsed = try RuleParser.parseAll(file: "policies.weft", text: policies)
        return RuleSet(rules: shipped.rules, files: shipped.files, inlinePolicies: parsed.policies)
    }

    static func optimize(_ wat: String, policies: String, batchSize: Int = InlineOptions().batchSize) throws
        -> Pipeline.Output
    {
        var inlining = InlineOptions()
        inlining.batchSize = batchSize
        let pipeline = Pipeline.optimize(rules: try rules(policies: policies), inlining: inlining)
        return try pipeline.run(Array(wat.utf8), file: "t.wat")
    }

    /// `$mix` is 3 calls × about 40 bytes: inlined everywhere it adds about 80 bytes of copies.
    static let calledThrice = """
        (module
          (func $mix (param i32 i32) (result i32)
            local.get 0 local.get 1 i32.mul local.get 0 i32.const 13 i32.rotl i32.xor
            local.get 1 i32.const 7 i32.shr_u i32.add local.get 0 local.get 1 i32.sub i32.const 3 i32.shl i32.or
            local.get 1 i32.const 11 i32.rotr i32.xor)
          (func (export "f") (param i32 i32 i32) (result i32)
            local.get 0 local.get 1 call $mix local.get 1 local.get 2 call $mix i32.add
            local.get 2 local.get 0 call $mix i32.add))
        """

    @Test func aCalleeWhoseCopiesWouldAddTooMuchIsNotTried() throws {
        let small = try Self.optimize(
            Self.calledThrice, policies: "inline few if (callers-at-most 4) if (growth-at-most 40)\n")
        #expect(small.inlineDecisions.isEmpty, "\(small.inlineDecisions)")
        #expect(!small.statistics.contains { $0.hasPrefix("saturate: inlining:") })
        let large = try Self.optimize(
            Self.calledThrice, policies: "inline few if (callers-at-most 4) if (growth-at-most 200)\n")
        #expect(large.inlineDecisions.map(\.name) == ["mix"])
        #expect(large.inlineDecisions.first?.inlined == false, "three copies of $mix are larger than three calls")
        #expect(large.statistics.contains("saturate: inlining: 1 trials, 0 callees inlined, 1 kept called"))
    }

    @Test func aCalleeAnExportKeepsCountsEveryCopy() throws {
        // Called once: inlined it would vanish, unless exported, when its one copy is growth.
        let once = Self.calledThrice.replacingOccurrences(
            of: "local.get 1 local.get 2 call $mix i32.add\n    local.get 2 local.get 0 call $mix i32.add", with: "")
        let policy = "inline few if (callers-at-most 4) if (growth-at-most 20)\n"
        #expect(try Self.optimize(once, policies: policy).inlineDecisions.map(\.name) == ["mix"])
        let exported = once.replacingOccurrences(of: "(func $mix", with: "(func $mix (export \"mix\")")
        #expect(try Self.optimize(exported, policies: policy).inlineDecisions.isEmpty)
    }

    /// `f` calls three private functions once each.
    static let threePrivateCallees = """
        (module
          (memory 1)
          (func $a (param i32) (result i32) local.get 0 i32.const 3 i32.mul i32.const 1 i32.add)
          (func $b (param i32) local.get 0 local.get 0 i32.load i32.const 5 i32.add i32.store)
          (func $c (param i32 i32) (result i32) local.get 0 local.get 1 i32.xor i32.const 255 i32.and)
          (func (export "f") (param i32 i32) (result i32)
            local.get 0 call $b local.get 0 call $a local.get 1 call $c))
        """

    @Test func theWinnersOfABatchAreInlinedTogetherAsOneAtATimeWould() throws {
        let policies = "inline few if (callers-at-most 4) if (growth-at-most 100)\n"
        let batched = try Self.optimize(Self.threePrivateCallees, policies: policies)
        #expect(batched.inlineDecisions.map(\.name).sorted() == ["a", "b", "c"])
        #expect(batched.inlineDecisions.allSatisfy { $0.inlined }, "\(batched.inlineDecisions)")
        // Three trials against the plan without them, then one of all three together.
        #expect(batched.statistics.contains("saturate: inlining: 4 trials, 3 callees inlined, 0 kept called"))
        #expect(batched.module.functions.count == 1)
        let alone = try Self.optimize(Self.threePrivateCallees, policies: policies, batchSize: 1)
        #expect(alone.statistics.contains("saturate: inlining: 3 trials, 3 callees inlined, 0 kept called"))
        #expect(alone.bytes == batched.bytes)
    }
}
