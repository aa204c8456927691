import WasmModel

/// Globals only the module sees, made simpler (as Binaryen's simplify-globals does): one that
/// is never written and starts as a constant is that constant — each `global.get` becomes the
/// `*.const` — and one that is never read has its writes dropped (their values still
/// computed, for their effects); either is then removed and the later globals renumbered.
/// Run before saturation, so the e-graph folds what the constants decide (binaryen's random
/// modules keep many globals they never write).
///
/// Invariant: only defined globals that no export, no import and no name outside the module
/// can reach are changed (nor LLVM's layout globals, which say how much memory is used); every path computes what it computed (a read gives the value the
/// global always holds; a dropped write was never observed). Linear in the module's size.
public struct SimplifyGlobals: ModulePass {
    public let name = "simplify-globals"
    /// A `global.get` becomes a `*.const`, a `global.set` a `drop`: one for one.
    public var keepsInstructionPositions: Bool { true }

    public init() {}

    public func run(_ module: inout Module, context: inout PassContext) throws(WasmError) {
        let imported = module.importedGlobalCount
        let total = imported + module.globals.count
        guard module.globals.count > 0 else { return }
        var reads = [Int](repeating: 0, count: total)
        var writes = [Int](repeating: 0, count: total)
        func count(_ code: [Instruction]) {
            for i in code {
                switch i {
                case .globalGet(let g) where Int(g) < total: reads[Int(g)] += 1
                case .globalSet(let g) where Int(g) < total: writes[Int(g)] += 1
                default: break
                }
            }
        }
        for f in module.functions { count(f.body) }
        // Constant expressions elsewhere read globals too: those reads keep a global.
        var pinned = Set<Int>()
        func pin(_ code: [Instruction]) {
            for case .globalGet(let g) in code { pinned.insert(Int(g)) }
        }
        for g in module.globals { pin(g.initializer) }
        for e in module.elements {
            if case .active(_, let offset) = e.mode { pin(offset) }
            e.items.forEach(pin)
        }
        for d in module.data {
            if case .active(_, let offset) = d.mode { pin(offset) }
        }
        for t in module.tables { t.initializer.map(pin) }
        for e in module.exports {
            if case .global(let g) = e.kind { pinned.insert(Int(g)) }
        }
        // LLVM's layout globals say how much memory the module uses (`weft compile` reserves
        // that much: `MemoryReservation`): they stay as they are.
        for (g, name) in module.names?.globals ?? [:] where Self.layoutGlobals.contains(name) { pinned.insert(Int(g)) }
        // What becomes of each defined global: its constant, or nothing read.
        var constant: [Int: Instruction] = [:]
        var unread = Set<Int>()
        for k in imported..<total where !pinned.contains(k) {
            if writes[k] == 0, let c = Self.constant(module.globals[k - imported].initializer) {
                constant[k] = c
            } else if reads[k] == 0 {
                unread.insert(k)
            }
        }
        guard !constant.isEmpty || !unread.isEmpty else { return }
        var map = [UInt32](repeating: 0, count: total)
        var next: UInt32 = 0
        for g in 0..<total {
            map[g] = next
            if constant[g] == nil, !unread.contains(g) { next += 1 }
        }
        module.mapInstructions { i in
            switch i {
            case .globalGet(let g) where Int(g) < total: constant[Int(g)] ?? .globalGet(map[Int(g)])
            case .globalSet(let g) where Int(g) < total: unread.contains(Int(g)) ? .drop : .globalSet(map[Int(g)])
            default: i
            }
        }
        for i in module.exports.indices {
            if case .global(let g) = module.exports[i].kind, Int(g) < total {
                module.exports[i].kind = .global(map[Int(g)])
            }
        }
        module.globals = module.globals.indices.compactMap { i in
            let g = imported + i
            return constant[g] == nil && !unread.contains(g) ? module.globals[i] : nil
        }
        if var names = module.names {
            var moved: [UInt32: String] = [:]
            for (g, name) in names.globals where Int(g) < total {
                if Int(g) < imported || (constant[Int(g)] == nil && !unread.contains(Int(g))) {
                    moved[map[Int(g)]] = name
                }
            }
            names.globals = moved
            module.names = names
        }
        if var relocations = module.memoryRelocations {
            relocations.globals = relocations.globals.compactMap { g in
                Int(g) < imported || (constant[Int(g)] == nil && !unread.contains(Int(g))) ? map[Int(g)] : nil
            }
            module.memoryRelocations = relocations
        }
        // Bodies changed: structured code lowered earlier no longer matches them.
        context.elaborated = [:]
        context.statistics.append(
            "\(name): \(constant.count) globals never written made constants, \(unread.count) never read removed")
    }

    /// The globals LLVM's Wasm layout names, by name.
    static let layoutGlobals: Set<String> = ["__stack_pointer", "__heap_base", "__data_end"]

    /// The value of a constant initializer (one numeric `*.const`), nil for any other.
    static func constant(_ initializer: [Instruction]) -> Instruction? {
        guard initializer.count == 1 else { return nil }
        switch initializer[0] {
        case .i32Const, .i64Const, .f32Const, .f64Const: return initializer[0]
        default: return nil
        }
    }
}
