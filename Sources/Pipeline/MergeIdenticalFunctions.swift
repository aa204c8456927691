import WasmModel

/// Functions with the same type, locals and instructions are one: every call, `ref.func`,
/// table entry, export and start naming a later copy names the first instead (what Binaryen's
/// duplicate-function-elimination does), and `RemoveUnusedFunctions`, run after it, drops the
/// copies nothing names any more.
///
/// Invariant: only references change, each to a function that does exactly what the one it
/// replaces did; no function is removed here. A pass over the bodies, linear in the module's
/// size (a hash of each function).
public struct MergeIdenticalFunctions: ModulePass {
    public let name = "merge-identical-functions"

    public init() {}

    public func run(_ module: inout Module, context: inout PassContext) throws(WasmError) {
        let imported = module.importedFunctionCount
        let total = imported + module.functions.count
        var map = (0..<total).map { UInt32($0) }
        var first: [Function: Int] = [:]
        var merged = 0
        for (i, f) in module.functions.enumerated() {
            if let k = first[f] {
                map[imported + i] = UInt32(imported + k)
                merged += 1
            } else {
                first[f] = i
            }
        }
        guard merged > 0 else { return }
        func redirect(_ code: [Instruction]) -> [Instruction] {
            code.map { inst in
                switch inst {
                case .call(let f) where Int(f) < total: .call(map[Int(f)])
                case .refFunc(let f) where Int(f) < total: .refFunc(map[Int(f)])
                default: inst
                }
            }
        }
        for i in module.functions.indices { module.functions[i].body = redirect(module.functions[i].body) }
        for i in module.elements.indices { module.elements[i].items = module.elements[i].items.map(redirect) }
        for i in module.globals.indices { module.globals[i].initializer = redirect(module.globals[i].initializer) }
        for i in module.tables.indices { module.tables[i].initializer = module.tables[i].initializer.map(redirect) }
        for i in module.exports.indices {
            if case .function(let f) = module.exports[i].kind, Int(f) < total {
                module.exports[i].kind = .function(map[Int(f)])
            }
        }
        module.start = module.start.map { Int($0) < total ? map[Int($0)] : $0 }
        // Code trees by function index stay valid: no function's instructions changed meaning.
        context.statistics.append("\(name): \(merged) functions merged")
    }
}
