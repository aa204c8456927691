import Rules
import WasmEncode
import WasmModel

/// What `weft report` says about a module after `weft optimize`: for each hot function (the
/// exports, or the functions named), its code bytes and every call still in it, with why the
/// call matters and, where the cost model measured it, what each choice costs.
///
/// A *seam* is a call from a hot function to a function defined in the module (a call to an
/// import is the module's interface, listed but not a seam).
public struct SeamReport: Sendable, Encodable {
    public struct Call: Sendable, Encodable {
        public var callee: String
        public var count: Int
        public var imported: Bool
        /// `inline-hinted`, `single-caller`, `small` — each reason the call is worth removing.
        public var reasons: [String]
        /// The callee's code bytes (after optimization).
        public var calleeBytes: Int?
        /// When inlining was measured: the module's code bytes keeping the calls and inlining them.
        public var bytesKept: Int?
        public var bytesInlined: Int?
        /// When inlining was not measured: what kept the optimizer from trying it.
        public var notTried: String?
    }

    public struct Entry: Sendable, Encodable {
        public var name: String
        public var bytes: Int
        public var calls: [Call]
        public var seams: Int
    }

    public var functions: [Entry] = []
    public var seams = 0

    /// - Parameters: `input` the module as given, `output` what the pipeline made of it,
    ///   `hot` names of the functions to report (empty: every exported function),
    ///   `inlining` the options it ran with (the names asked to be inlined or not, the size
    ///   called *small*), `policies` the inline policies it loaded.
    public init(
        input: Module, output: Pipeline.Output, hot: [String], inlining: InlineOptions, policies: [InlinePolicy]
    ) throws(WasmError) {
        let hinted = inlining.force
        let hints = CompilationHints(input)
        let module = output.module
        let imported = module.importedFunctionCount
        var inputIndex: [String: Int] = [:]
        for f in 0..<(input.importedFunctionCount + input.functions.count) {
            if let n = input.functionName(UInt32(f)) { inputIndex[n] = f }
        }
        let graph = CallGraph(input)
        var targets: [UInt32] = []
        if hot.isEmpty {
            for e in module.exports { if case .function(let f) = e.kind, !targets.contains(f) { targets.append(f) } }
        } else {
            for name in hot {
                let total = imported + module.functions.count
                guard let f = (0..<total).first(where: { module.functionName(UInt32($0)) == name }) else {
                    throw WasmError(
                        file: "", location: .unknown, message: "no function named \(name) in the optimized module")
                }
                targets.append(UInt32(f))
            }
        }
        let decisions = Dictionary(output.inlineDecisions.map { ($0.name, $0) }, uniquingKeysWith: { _, b in b })
        for f in targets {
            guard Int(f) >= imported else { continue }
            let body = module.functions[Int(f) - imported]
            var counts: [UInt32: Int] = [:]
            var order: [UInt32] = []
            for inst in body.body {
                guard case .call(let g) = inst else { continue }
                if counts[g] == nil { order.append(g) }
                counts[g, default: 0] += 1
            }
            var calls: [Call] = []
            var seams = 0
            for g in order {
                let name = module.functionName(g) ?? "#\(g)"
                let isImport = Int(g) < imported
                var reasons: [String] = []
                if hinted.contains(name) { reasons.append("inline-hinted") }
                if let i = inputIndex[name] {
                    if graph.callSites[i] == 1 { reasons.append("single-caller") }
                    if i >= input.importedFunctionCount,
                        WasmEncoder.functionSize(input.functions[i - input.importedFunctionCount]) <= inlining.smallBody
                    {
                        reasons.append("small")
                    }
                }
                let decision = decisions[name]
                var notTried: String?
                if !isImport && decision == nil {
                    notTried = Self.whyNotTried(
                        name, inputIndex[name].map(UInt32.init), input: input, graph: graph, hints: hints,
                        inlining: inlining, policies: policies)
                }
                calls.append(
                    Call(
                        callee: name, count: counts[g] ?? 0, imported: isImport, reasons: isImport ? [] : reasons,
                        calleeBytes: isImport ? nil : WasmEncoder.functionSize(module.functions[Int(g) - imported]),
                        bytesKept: decision?.bytesKept, bytesInlined: decision?.bytesInlined, notTried: notTried))
                if !isImport { seams += counts[g] ?? 0 }
            }
            let name = module.functionName(f) ?? "#\(f)"
            functions.append(Entry(name: name, bytes: WasmEncoder.functionSize(body), calls: calls, seams: seams))
            self.seams += seams
        }
    }

    /// What kept inlining of `name` (input index `f`) from being measured, as the pass
    /// decides it (`SaturatePass.run`, `CallGraph.candidates`).
    static func whyNotTried(
        _ name: String, _ f: UInt32?, input: Module, graph: CallGraph, hints: CompilationHints,
        inlining: InlineOptions, policies: [InlinePolicy]
    ) -> String {
        guard inlining.enabled else { return "inlining is off (--no-inlining)" }
        if inlining.forbid.contains(name) { return "--no-inline \(name) forbids it" }
        guard let f, Int(f) >= graph.imported else { return "the callee is not a function of the input module" }
        if hints.noInline.contains(f) { return "the module's compilation hints forbid inlining it" }
        if graph.isRecursive(f) { return "the callee is recursive" }
        if inlining.force.contains(name) || hints.inline.contains(f) {
            return "inlining was asked for, yet a call remains (it is also called from code that is not inlined)"
        }
        guard !policies.isEmpty else {
            return "no inline policy is loaded (the rules given with --no-default-rules have no `inline` entries)"
        }
        guard let unmet = graph.unmetPolicies(f, input, policies: policies, hinted: inlining.force) else {
            return "nominated, but the module's trial budget (\(inlining.maxTrials) callees, "
                + "\(inlining.maxWork) units of saturation work) was spent first"
        }
        return "no inline policy nominates it: " + unmet.joined(separator: "; ")
    }

    /// The report as text, one function per paragraph.
    public var text: String {
        var out = ""
        for f in functions {
            out +=
                "\(f.name): \(f.bytes) bytes, \(f.seams == 0 ? "no seams" : "\(f.seams) seam\(f.seams == 1 ? "" : "s")")\n"
            for c in f.calls {
                let times = c.count == 1 ? "" : " ×\(c.count)"
                if c.imported {
                    out += "  call \(c.callee)\(times): an import\n"
                    continue
                }
                let why = c.reasons.isEmpty ? "" : " (" + c.reasons.joined(separator: ", ") + ")"
                out += "  call \(c.callee)\(times)\(why), callee \(c.calleeBytes ?? 0) bytes\n"
                if let kept = c.bytesKept, let inlined = c.bytesInlined {
                    let delta = inlined - kept
                    out +=
                        "    kept by the cost model: module code \(kept) bytes with the call, \(inlined) inlined (\(delta >= 0 ? "+" : "")\(delta))\n"
                } else {
                    out += "    not tried: \(c.notTried ?? "the optimizer did not measure it")\n"
                }
            }
        }
        out +=
            "\(seams) seam\(seams == 1 ? "" : "s") in \(functions.count) function\(functions.count == 1 ? "" : "s")\n"
        return out
    }
}
