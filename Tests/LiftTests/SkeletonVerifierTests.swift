import EGraph
import Foundation
import Harness
import IR
import Lift
import Lower
import Pipeline
import Rewrite
import Synchronization
import Testing
import WasmModel

/// Lifts every function of a module and verifies its skeleton after lifting and after each
/// pass `optimize` runs on it (store forwarding, if-conversion, saturation, frame
/// elimination), the way the pass runner will.
struct SkeletonAudit {
    var lifted = 0
    var verified = 0
    var problems: [String] = []

    /// A short saturation: enough for the rules to union classes and add nodes.
    static let runner = Result {
        Runner(try TestPaths.rules, limits: SaturationLimits(iterations: 5, nodes: 3_000, work: 200_000))
    }

    mutating func verify(_ skeleton: Skeleton, _ graph: EGraph, _ module: WasmModel.Module, _ what: String) {
        verified += 1
        let errors = SkeletonVerifier.verify(skeleton, graph: graph, module: module)
        for error in errors.prefix(5) { problems.append("\(what): \(error)") }
    }

    mutating func audit(_ module: WasmModel.Module, name: String, runner: Runner) {
        let imported = module.importedFunctionCount
        let defined = Set(module.functions.indices.map { UInt32(imported + $0) })
        // The stack pointer, or any mutable i32 global: frame elimination's rewrites must keep
        // the skeleton well formed whatever it takes for the stack pointer.
        let globals = module.allGlobals
        let pointer =
            module.stackPointer
            ?? globals.indices.first { globals[$0] == GlobalType(type: .i32, mutable: true) }.map { UInt32($0) }
        for i in module.functions.indices {
            let index = UInt32(imported + i)
            // Every other function inlines its callees, so inlined labels are covered too.
            let plan = i % 2 == 0 ? InlinePlan(callees: defined, maxDepth: 2) : InlinePlan()
            var lifter = Lifter(module: module, plan: plan)
            do { try lifter.lift(function: index) } catch { continue }
            lifted += 1
            let at = "\(name) function \(index)"
            var skeleton = lifter.skeleton
            var graph = lifter.graph
            verify(skeleton, graph, module, "\(at) after lifting")
            MemoryForwarding.apply(&skeleton, &graph)
            verify(skeleton, graph, module, "\(at) after MemoryForwarding")
            var variants = [(skeleton, graph, "")]
            var converted = skeleton
            var convertedGraph = graph
            if IfConversion.apply(&converted, &convertedGraph) > 0 {
                verify(converted, convertedGraph, module, "\(at) after IfConversion")
                variants.append((converted, convertedGraph, " (if-converted)"))
            }
            for (variant, start, note) in variants {
                var s = variant
                var g = start
                do {
                    _ = try runner.run(&g)
                } catch {
                    problems.append("\(at)\(note): \(error)")
                    continue
                }
                verify(s, g, module, "\(at)\(note) after saturation")
                if let pointer {
                    FrameElimination.apply(&s, &g, stackPointer: pointer)
                    verify(s, g, module, "\(at)\(note) after FrameElimination")
                }
                // What the verifier accepts, the elaborator finds every value of.
                do {
                    _ = try Lowering.lower(s, graph: g, type: module.functions[i].type)
                } catch {
                    if error.reason.contains("not defined") || error.reason.contains("not available") {
                        problems.append("\(at)\(note): verified, yet lowering says \(error.reason)")
                    }
                }
            }
        }
    }
}

/// The skeleton verifier: it accepts every skeleton the lifter and the passes build (from the
/// spec suite's modules and random programs), and it names what is broken in skeletons broken
/// by hand.
@Suite struct SkeletonVerifierTests {
    static let specFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.specSuite)) ?? []
        return names.filter { $0.hasSuffix(".wast") }.sorted()
    }()

    @Test func theSpecSuiteIsThere() {
        guard TestPaths.specSuiteIsPresent else { return }  // SpecSuiteTests says it is skipped
        #expect(Self.specFiles.count >= 50, "the spec suite at \(TestPaths.specSuite) holds too few .wast files")
    }

    @Test(arguments: specFiles)
    func everySpecModuleVerifiesAfterEveryPass(_ file: String) throws {
        let runner = try SkeletonAudit.runner.get()
        let audit = Mutex(SkeletonAudit())
        let spec = SpecRunner { binary, name in
            // Invalid modules are rejected here, as the script expects; valid ones are audited
            // and run unchanged.
            let module = try Pipeline(passes: []).run(binary, file: name).module
            audit.withLock { $0.audit(module, name: name, runner: runner) }
            return binary
        }
        _ = spec.run(path: TestPaths.specSuite + "/" + file)
        let result = audit.withLock { $0 }
        for problem in result.problems.prefix(20) { Issue.record("\(problem)") }
        print("\(file): \(result.lifted) functions lifted, \(result.verified) skeletons verified")
    }

    /// How many generated programs (`WEFT_VERIFIER_PROGRAMS`).
    static let programs = Int(ProcessInfo.processInfo.environment["WEFT_VERIFIER_PROGRAMS"] ?? "") ?? 60

    @Test func randomProgramsVerifyAfterEveryPass() throws {
        let runner = try SkeletonAudit.runner.get()
        var audit = SkeletonAudit()
        for seed in 0..<UInt64(Self.programs) {
            let top = seed % 2 == 0 ? 4096 : ProgramGenerator.deadStackTop
            var generator = ProgramGenerator(seed: 0x5EE1_0000 + seed, stackTop: top)
            let wat = generator.module(functions: 2 + Int(seed % 4))
            let module = try Pipeline(passes: []).run(Array(wat.utf8), file: "gen\(seed).wat").module
            audit.audit(module, name: "program \(seed)", runner: runner)
        }
        for problem in audit.problems.prefix(20) { Issue.record("\(problem)") }
        #expect(audit.lifted > Self.programs * 2)
        print("random programs: \(audit.lifted) functions lifted, \(audit.verified) skeletons verified")
    }
}

/// Skeletons broken by hand: each break is reported, with its kind, its place and a message
/// that names the problem.
@Suite struct BrokenSkeletonTests {
    struct Lifted {
        var skeleton: Skeleton
        var graph: EGraph
        var module: WasmModel.Module

        var errors: [SkeletonError] { SkeletonVerifier.verify(skeleton, graph: graph, module: module) }

        /// Whether an error of `kind` at `location` says `words`.
        func reports(_ kind: SkeletonError.Kind, at location: String, _ words: String) -> Bool {
            errors.contains { $0.kind == kind && $0.location == location && $0.message.contains(words) }
        }
    }

    /// Function 0 of `module`'s text, lifted (well formed: checked here).
    static func lift(_ module: String) throws -> Lifted {
        let module = try Pipeline(passes: []).run(Array(module.utf8), file: "t.wat").module
        var lifter = Lifter(module: module)
        try lifter.lift(function: UInt32(module.importedFunctionCount))
        let lifted = Lifted(skeleton: lifter.skeleton, graph: lifter.graph, module: module)
        #expect(lifted.errors.isEmpty, "\(lifted.errors)")
        return lifted
    }

    static let setThenGet = """
        (module (global $g (mut i32) (i32.const 0))
          (func (param i32) (result i32) local.get 0 global.set $g global.get $g))
        """

    static let twoBlocks = """
        (module (func (param i32)
          (block $a (br_if $a (local.get 0)))
          (block $b (br_if $b (local.get 0)))))
        """

    @Test func anEffectListedTwiceIsReported() throws {
        var f = try Self.lift(Self.setThenGet)
        f.skeleton.body.append(.effect(0))
        #expect(
            f.reports(.effectRepeated, at: "body[2]", "effect 0 (global.set) is listed a second time"), "\(f.errors)")
    }

    @Test func anEffectMissingIsReportedUnlessAPassRemovedIt() throws {
        var f = try Self.lift(Self.setThenGet)
        f.skeleton.body.remove(at: 0)
        #expect(
            f.reports(.effectMissing, at: "effect 0", "effect 0 (global.set) appears nowhere in the body"),
            "\(f.errors)")
        // Removed by a pass (as dead-frame elimination removes a set): nothing is missing.
        f.skeleton.removedEffects.insert(0)
        #expect(f.errors.isEmpty, "\(f.errors)")
        // Removed, but its result is still used: the use is undefined and the result live.
        var g = try Self.lift(Self.setThenGet)
        g.skeleton.body.remove(at: 1)
        g.skeleton.removedEffects.insert(1)
        #expect(g.reports(.effectMissing, at: "effect 1", "its result leaf 1 is live"), "\(g.errors)")
        #expect(g.reports(.undefinedUse, at: "function exit", "result 0 of effect 1"), "\(g.errors)")
    }

    @Test func aBranchToALabelThatDoesNotEncloseItIsReported() throws {
        var f = try Self.lift(Self.twoBlocks)
        guard case .block(let label, let inner, let exit) = f.skeleton.body[1],
            case .brIf(_, let condition, let edge) = inner.first, case .block(let first, _, _) = f.skeleton.body[0]
        else {
            Issue.record("unexpected skeleton \(f.skeleton.body)")
            return
        }
        f.skeleton.body[1] = .block(
            label: label, body: [.brIf(label: first, condition: condition, edge: edge)], exit: exit)
        #expect(
            f.reports(
                .branchNotEnclosing, at: "body[1].body[0]",
                "targets label \(first), which no enclosing construct opens"), "\(f.errors)")
    }

    @Test func anEdgeWithTooFewVariablesIsReported() throws {
        var f = try Self.lift(Self.twoBlocks)
        guard case .block(let label, let inner, _) = f.skeleton.body[0], case .brIf(_, _, let edge) = inner.first else {
            Issue.record("unexpected skeleton \(f.skeleton.body)")
            return
        }
        f.skeleton.edges[edge].variables.removeLast()
        #expect(
            f.reports(.edgeShape, at: "body[0].body[0]", "edge \(edge) holds 0 variables, label \(label) needs 1"),
            "\(f.errors)")
    }

    @Test func anEdgeWithTheWrongStackIsReported() throws {
        var f = try Self.lift(Self.setThenGet)
        guard let exit = f.skeleton.exit else {
            Issue.record("no exit")
            return
        }
        let wide = f.graph.add(ENode(.constant(.i64, 7)))
        f.skeleton.edges[exit].stack = [wide]
        #expect(f.reports(.typeMismatch, at: "function exit", "is i64, label 0 takes i32"), "\(f.errors)")
        f.skeleton.edges[exit].stack = []
        #expect(f.reports(.edgeShape, at: "function exit", "carries 0 stack values, label 0 takes 1"), "\(f.errors)")
    }

    @Test func aLeafUsedBeforeItsEffectIsReported() throws {
        var f = try Self.lift(
            """
            (module (memory 1) (global $g (mut i32) (i32.const 0))
              (func (param i32) i32.const 8 global.get $g i32.store))
            """)
        // The store (effect 1) reads the result of the global.get (effect 0): swap them.
        f.skeleton.body = [.effect(1), .effect(0)]
        #expect(
            f.reports(.undefinedUse, at: "body[0]", "operand 1 of effect 1"), "\(f.errors)")
        #expect(f.errors.contains { $0.message.contains("leaf 1 (result 0 of effect 0)") }, "\(f.errors)")
    }

    @Test func aValueDefinedInOneArmIsNotDefinedAfterTheIf() throws {
        var f = try Self.lift(
            """
            (module (memory 1) (global $g (mut i32) (i32.const 0))
              (func (param i32)
                (if (local.get 0) (then (drop (global.get $g))))
                i32.const 8 i32.const 5 i32.store))
            """)
        // The store after the if is made to read the then arm's global.get.
        guard let leaf = f.skeleton.effects[0].results.first else {
            Issue.record("no result")
            return
        }
        f.skeleton.effects[1].operands[1] = f.skeleton.leaves[Int(leaf)].eclass
        #expect(f.reports(.undefinedUse, at: "body[1]", "operand 1 of effect 1"), "\(f.errors)")
    }

    @Test func anI64ConditionIsReported() throws {
        var f = try Self.lift(
            """
            (module (func (param i32 i64) (result i32)
              (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))
            """)
        guard case .if(let label, _, let a, let aEnd, let b, let bEnd) = f.skeleton.body.first else {
            Issue.record("unexpected skeleton \(f.skeleton.body)")
            return
        }
        let wide = f.skeleton.leaves[1].eclass
        f.skeleton.body[0] = .if(label: label, condition: wide, then: a, thenEnd: aEnd, else: b, elseEnd: bEnd)
        #expect(f.reports(.typeMismatch, at: "body[0]", "the if's condition \(wide) is i64, not i32"), "\(f.errors)")
        var g = try Self.lift(Self.twoBlocks)
        guard case .block(let l, let inner, let exit) = g.skeleton.body[0], case .brIf(_, _, let edge) = inner.first
        else { return }
        let condition = g.graph.add(ENode(.constant(.i64, 1)))
        g.skeleton.body[0] = .block(label: l, body: [.brIf(label: l, condition: condition, edge: edge)], exit: exit)
        #expect(g.reports(.typeMismatch, at: "body[0].body[0]", "is i64, not i32"), "\(g.errors)")
    }

    @Test func edgesTakenTwiceOrNotListedAreReported() throws {
        var f = try Self.lift(Self.twoBlocks)
        guard case .block(let label, let inner, let exit) = f.skeleton.body[0],
            case .brIf(_, _, let edge) = inner.first,
            let exit
        else {
            Issue.record("unexpected skeleton \(f.skeleton.body)")
            return
        }
        f.skeleton.body[0] = .block(label: label, body: inner, exit: edge)
        #expect(f.reports(.edgeUse, at: "body[0]", "edge \(edge) is taken a second time"), "\(f.errors)")
        #expect(
            f.reports(.edgeUse, at: "label \(label)", "lists edge \(exit), which nothing takes to it"), "\(f.errors)")
        var g = try Self.lift(Self.twoBlocks)
        g.skeleton.labels[label].edges.removeAll { $0 == edge }
        #expect(
            g.reports(.edgeUse, at: "label \(label)", "edge \(edge) is taken to label \(label) but not in its edges"))
        var h = try Self.lift(Self.twoBlocks)
        h.skeleton.edges.append(h.skeleton.edges[edge])
        #expect(h.reports(.edgeUse, at: "edge \(h.skeleton.edges.count - 1)", "taken by no statement"), "\(h.errors)")
    }

    @Test func deadCodeAndAMissingEndEdgeAreReported() throws {
        var f = try Self.lift(Self.setThenGet)
        f.skeleton.body.insert(.unreachable, at: 1)
        #expect(f.reports(.reachability, at: "body[2]", "no control reaches this statement"), "\(f.errors)")
        #expect(f.reports(.reachability, at: "function exit", "unreachable but has exit edge"), "\(f.errors)")
        var g = try Self.lift(Self.twoBlocks)
        guard case .block(let label, let inner, _) = g.skeleton.body[0] else { return }
        g.skeleton.body[0] = .block(label: label, body: inner, exit: nil)
        #expect(g.reports(.reachability, at: "body[0]", "control reaches the block's end but it has no edge"))
    }

    @Test func aRetiredLeafAloneInItsClassIsReported() throws {
        var f = try Self.lift(Self.setThenGet)
        f.skeleton.retired.insert(1)
        #expect(f.reports(.retiredLeaf, at: "leaf 1", "holds no other node"), "\(f.errors)")
        #expect(f.reports(.undefinedUse, at: "function exit", "retired"), "\(f.errors)")
    }

    @Test func aFailureNamesThePassThatBrokeTheSkeleton() throws {
        var f = try Self.lift(Self.setThenGet)
        f.skeleton.body.append(.effect(0))
        #expect(throws: SkeletonVerificationFailure.self) {
            try SkeletonVerifier.check(f.skeleton, graph: f.graph, module: f.module, after: "MemoryForwarding")
        }
        let failure = SkeletonVerificationFailure(pass: "MemoryForwarding", errors: f.errors)
        #expect(failure.description.hasPrefix("internal error: pass MemoryForwarding produced an invalid skeleton"))
        #expect(failure.description.contains("body[2]: effect 0 (global.set) is listed a second time"))
    }

    @Test func aConstructIfConversionRemovedLeavesOnlyRetiredSlots() throws {
        var f = try Self.lift(
            """
            (module (func (param i32 i32) (result i32)
              (if (result i32) (local.get 0) (then (local.get 1)) (else (i32.const 2)))))
            """)
        #expect(IfConversion.apply(&f.skeleton, &f.graph) == 1)
        #expect(f.skeleton.body.isEmpty && f.errors.isEmpty, "\(f.errors)")
        guard let slot = f.skeleton.labels[1].slots.first else {
            Issue.record("the if merges no slot")
            return
        }
        f.skeleton.retired.remove(slot.leaf)
        #expect(f.reports(.labelStructure, at: "label 1", "no construct opens label 1"), "\(f.errors)")
    }

    @Test func aDeadFramesEffectsAreRecordedAsRemoved() throws {
        var f = try Self.lift(
            """
            (module (memory 1) (global $__stack_pointer (mut i32) (i32.const 4096))
              (func (param i32) (result i32) (local i32)
                global.get $__stack_pointer i32.const 16 i32.sub local.tee 1 global.set $__stack_pointer
                local.get 1 local.get 0 i32.store offset=12
                local.get 1 i32.const 16 i32.add global.set $__stack_pointer
                local.get 0))
            """)
        let pointer = try #require(f.module.stackPointer)
        // Saturation finds that the release restores the value the frame was allocated below.
        _ = try SkeletonAudit.runner.get().run(&f.graph)
        #expect(FrameElimination.apply(&f.skeleton, &f.graph, stackPointer: pointer) == 1)
        #expect(f.skeleton.removedEffects == [1, 2, 3])
        #expect(f.errors.isEmpty, "\(f.errors)")
    }

    @Test func aForwardedLoadIsRecordedAsRemoved() throws {
        var f = try Self.lift(
            """
            (module (memory 1)
              (func (param i32 i32) (result i32) local.get 0 local.get 1 i32.store local.get 0 i32.load))
            """)
        #expect(MemoryForwarding.apply(&f.skeleton, &f.graph) == 1)
        #expect(f.skeleton.removedEffects == [1])
        #expect(f.errors.isEmpty, "\(f.errors)")
    }
}
