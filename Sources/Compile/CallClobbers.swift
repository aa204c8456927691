import Thumb
import WasmModel

/// What a call to a function the module defines writes: the argument registers r0–r3 its
/// callee's code writes (its own calls' included), the registers of its results, r12 (a
/// linker's veneer may use it) and lr — as GCC's `-fipa-ra` does. AAPCS lets any callee
/// write all of r0–r3, r12 and lr, so a caller keeps nothing there across a call; a callee
/// that leaves r1–r3 alone lets its callers keep values in them instead of in callee-saved
/// registers they must push, or setting an argument again before each call.
///
/// Invariant: a function's set is read from its final laid-out code, never estimated, and
/// only once it is compiled: `ModuleCompiler` compiles callees before callers (`waves`); a
/// call to a function without a set (an import, a helper, a function of a cycle of calls
/// compiled in the same wave, `call_indirect`) writes all of `callClobbers`. The optimizer's
/// `FunctionSizer` measures every call as AAPCS allows, so a function's size in the object
/// is at most what it measured plus alignment.
enum CallClobbers {
    static let argumentRegisters: [Register] = [.r0, .r1, .r2, .r3]

    /// `functions` in waves: each function after every function of `functions` it calls
    /// directly; the functions of a cycle of calls, and their callers, in one wave once
    /// nothing else is left to go.
    static func waves(_ functions: [Int], module: Module) -> [[Int]] {
        let imported = module.importedFunctionCount
        let members = Set(functions)
        var callees: [Int: Set<Int>] = [:]
        for k in functions where k >= imported && k - imported < module.functions.count {
            var set = Set<Int>()
            for i in module.functions[k - imported].body {
                if case .call(let c) = i, Int(c) != k, members.contains(Int(c)) { set.insert(Int(c)) }
            }
            callees[k] = set
        }
        var done = Set<Int>()
        var left = functions
        var waves: [[Int]] = []
        while !left.isEmpty {
            var wave = left.filter { (callees[$0] ?? []).isSubset(of: done) }
            if wave.isEmpty { wave = left }
            waves.append(wave)
            done.formUnion(wave)
            let taken = Set(wave)
            left.removeAll { taken.contains($0) }
        }
        return waves
    }

    /// The registers a call to the function laid out as `items` writes (results aside):
    /// r0–r3 as its instructions, literal loads and calls write them, then r12 and lr.
    static func written(by items: [Item], context: CompileContext) -> [VReg] {
        var written = Set<Register>()
        func all() { written.formUnion(argumentRegisters) }
        for item in items {
            switch item {
            case .instruction(let t):
                switch t {
                case .bl, .blx: all()
                default: written.formUnion(t.registers.writes)
                }
            case .constant(let r, _), .address(let r, _, _), .symbolConstant(let r, _, _): written.insert(r)
            case .call(let symbol), .tailCall(let symbol):
                if let k = context.functionIndex[symbol], let set = context.calleeClobbers[k] {
                    written.formUnion(set.compactMap(\.physical))
                } else {
                    all()
                }
            case .label, .branch, .compareBranch, .pool, .switchTable, .align: break
            }
        }
        return argumentRegisters.filter { written.contains($0) }.map { VReg($0) } + [VReg(.r12), VReg(.lr)]
    }
}

extension CompileContext {
    /// What a call to function `callee` writes: its `calleeClobbers` and the `resultWords`
    /// registers from r0 its results come back in, else every caller-saved register.
    func clobbers(ofCall callee: Int, resultWords: Int?) -> [VReg] {
        guard let set = calleeClobbers[callee], let resultWords, resultWords <= 4 else { return callClobbers }
        let results = CallClobbers.argumentRegisters.prefix(resultWords).map { VReg($0) }
        return CallClobbers.argumentRegisters.map { VReg($0) }.filter { set.contains($0) || results.contains($0) }
            + [VReg(.r12), VReg(.lr)]
    }

    /// Whether function `k` calls a function whose calls write less than AAPCS allows.
    func narrowsCalls(in k: Int) -> Bool {
        let imported = module.importedFunctionCount
        guard k >= imported, k - imported < module.functions.count, !calleeClobbers.isEmpty else { return false }
        return module.functions[k - imported].body.contains {
            if case .call(let c) = $0, let set = calleeClobbers[Int(c)] { set != callClobbers } else { false }
        }
    }
}
