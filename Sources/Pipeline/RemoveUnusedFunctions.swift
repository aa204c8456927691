import WasmModel

extension RemoveUnusedFunctions {
    /// Which functions (by index, imports first) can run if the defined functions had these
    /// `bodies`: the imports, the exports, the start function, what tables, element segments
    /// and globals reference, and what those call or reference in turn.
    public static func reachable(_ module: Module, bodies: [Function]) -> [Bool] {
        let imported = module.importedFunctionCount
        let total = imported + bodies.count
        var live = Array(repeating: false, count: total)
        var work: [Int] = []
        func mark(_ f: UInt32) {
            let f = Int(f)
            guard f < total, !live[f] else { return }
            live[f] = true
            work.append(f)
        }
        for f in 0..<imported { mark(UInt32(f)) }
        for f in roots(module) { mark(f) }
        while let f = work.popLast() {
            guard f >= imported else { continue }
            for case .call(let g) in bodies[f - imported].body { mark(g) }
            for case .refFunc(let g) in bodies[f - imported].body { mark(g) }
        }
        return live
    }

    /// The functions the module keeps whatever the code calls: its exports, its start
    /// function, and what element segments, globals and table initializers reference.
    static func roots(_ module: Module) -> [UInt32] {
        var roots: [UInt32] = []
        func references(_ code: [Instruction]) {
            for inst in code {
                switch inst {
                case .call(let f), .refFunc(let f): roots.append(f)
                default: break
                }
            }
        }
        for e in module.exports { if case .function(let f) = e.kind { roots.append(f) } }
        if let s = module.start { roots.append(s) }
        for segment in module.elements { segment.items.forEach(references) }
        for g in module.globals { references(g.initializer) }
        for t in module.tables { if let i = t.initializer { references(i) } }
        return roots
    }
}

/// Removes defined functions nothing can reach: not exported, not the start function, not in
/// a table or referenced by `ref.func`, and not called from a function that is kept. Every
/// function index in the module (calls, `ref.func`, exports, start, element segments,
/// globals, the name section) is renumbered.
///
/// Invariant: imported functions are never removed (they are the module's interface);
/// custom sections that address code by function index (`metadata.code.*`) are dropped when
/// indices change, since they would point at the wrong functions.
public struct RemoveUnusedFunctions: ModulePass {
    public let name = "remove-unused-functions"

    public init() {}

    public func run(_ module: inout Module, context: inout PassContext) throws(WasmError) {
        let imported = module.importedFunctionCount
        let total = imported + module.functions.count
        let live = Self.reachable(module, bodies: module.functions)
        let removed = live.count { !$0 }
        guard removed > 0 else { return }
        context.elaborated = [:]

        var map = Array(repeating: UInt32.max, count: total)
        var next: UInt32 = 0
        for f in 0..<total where live[f] {
            map[f] = next
            next += 1
        }
        func renumber(_ code: [Instruction]) -> [Instruction] {
            code.map { inst in
                switch inst {
                case .call(let f): .call(map[Int(f)])
                case .refFunc(let f): .refFunc(map[Int(f)])
                default: inst
                }
            }
        }
        module.functions = module.functions.enumerated().compactMap { i, f in
            guard live[imported + i] else { return nil }
            var f = f
            f.body = renumber(f.body)
            return f
        }
        for i in module.elements.indices { module.elements[i].items = module.elements[i].items.map(renumber) }
        for i in module.globals.indices { module.globals[i].initializer = renumber(module.globals[i].initializer) }
        for i in module.tables.indices { module.tables[i].initializer = module.tables[i].initializer.map(renumber) }
        for i in module.exports.indices {
            if case .function(let f) = module.exports[i].kind { module.exports[i].kind = .function(map[Int(f)]) }
        }
        module.start = module.start.map { map[Int($0)] }
        if var names = module.names {
            func move<V>(_ d: [UInt32: V]) -> [UInt32: V] {
                var out: [UInt32: V] = [:]
                for (k, v) in d where Int(k) < total && map[Int(k)] != UInt32.max { out[map[Int(k)]] = v }
                return out
            }
            names.functions = move(names.functions)
            names.locals = move(names.locals)
            names.labels = move(names.labels)
            module.names = names
        }
        module.customSections.removeAll { $0.name.hasPrefix("metadata.code.") }
        context.statistics.append("\(name): \(removed) functions removed")
    }
}
