import WasmModel

/// `--memory relocated`: the module's addresses made physical, as a native linker relocates a
/// C program's. Every address the linker's relocations name (`Module.memoryRelocations`,
/// from `wasm-ld --emit-relocs`) becomes `weft_memory + c`, so pointers hold physical
/// addresses and an access is `[p, #o]` with no base added, as in native code; the memory
/// is still an object the linker places (`.bss`, its initialized part copied in by
/// `weft_init`, as under `linked`).
///
/// `rewrite` expresses this in Wasm before the optimizer sees the module: an address
/// constant `i32.const c` becomes `global.get` of an imported immutable global
/// `weft.address.c` — a value the optimizer cannot fold, so no arithmetic on it is decided
/// for an address it does not know — and an access whose memarg offset `o` is an address
/// adds such a global to its address (`x + weft.address.o`, offset 0). The compiler reads
/// that global as `weft_memory + c` (a literal with a relocation). Data words holding
/// addresses and the linker's address globals (`__stack_pointer`, ...) keep their values
/// and get an `R_ARM_ABS32` relocation against `weft_memory` (REL: the addend in place).
///
/// Invariant: after `rewrite`, every linear-memory address the module computes includes
/// `weft_memory` exactly once (from an address global, a relocated data word or global, or
/// a value derived from one); `memoryRelocations` keeps only its data words and globals.
public enum RelocatedAddresses {
    /// The import module naming address globals; the field is the address in decimal.
    public static let importModule = "weft.address"
    /// The import module naming function pointers; the field is the function's table index.
    public static let functionModule = "weft.function"

    /// Whether the module's function pointers become the functions' addresses, as in native
    /// code (`call_indirect` is then `blx` of the pointer, unchecked as every access is in this
    /// model): the linker's relocations name every place one is made (`&f` in code, in data),
    /// one table holds them (neither imported nor exported, filled by active segments of
    /// functions at constant offsets), and the code does nothing with it but `call_indirect`.
    /// Otherwise a function pointer stays a table index, its call checked as Wasm's.
    public static func functionPointersAreAddresses(_ module: Module) -> Bool {
        guard let relocations = module.memoryRelocations, relocations.functionPointersComplete,
            module.tables.count == 1, module.importedTableCount == 0
        else { return false }
        if module.exports.contains(where: { if case .table = $0.kind { true } else { false } }) { return false }
        for segment in module.elements {
            guard case .active(0, let offset) = segment.mode, offset.count == 1, case .i32Const = offset[0] else {
                return false
            }
            for item in segment.items {
                guard item.count == 1, case .refFunc = item[0] else { return false }
            }
        }
        for function in module.functions {
            for instruction in function.body {
                switch instruction {
                case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop,
                    .refFunc, .callRef:
                    return false
                default: continue
                }
            }
        }
        return true
    }

    /// The function each table index holds (table 0's active segments applied in order).
    public static func tableFunctions(_ module: Module) -> [UInt32: Int] {
        var result: [UInt32: Int] = [:]
        for segment in module.elements {
            guard case .active(0, let offset) = segment.mode, offset.count == 1, case .i32Const(let start) = offset[0]
            else { continue }
            for (k, item) in segment.items.enumerated() {
                if item.count == 1, case .refFunc(let f) = item[0] {
                    result[UInt32(bitPattern: start) &+ UInt32(k)] = Int(f)
                }
            }
        }
        return result
    }

    /// The module with its addresses made symbolic, as above. Throws when it carries no
    /// relocations, or asks for its memory's size (`memory.size` and `memory.grow` count
    /// pages from 0, which physical addresses no longer do).
    public static func rewrite(_ input: Module) throws(CompileError) -> Module {
        guard let relocations = input.memoryRelocations else {
            throw CompileError(
                "--memory relocated and task need the linker's relocations: link the module with wasm-ld --emit-relocs (or use --memory linked, or mpu)"
            )
        }
        let importedFunctions = input.importedFunctionCount
        for (k, function) in input.functions.enumerated() {
            for instruction in function.body {
                switch instruction {
                case .memorySize, .memoryGrow:
                    throw CompileError(
                        "function \(importedFunctions + k) uses \(instruction == .memorySize(0) ? "memory.size" : "memory.grow"): under --memory relocated addresses are physical and are not counted in pages from 0 (use --memory linked)"
                    )
                default: continue
                }
            }
        }
        var module = input
        module.memoryRelocations = nil
        module.sourceMap = nil
        // The addresses, each one imported global, after the module's own global imports.
        var values: [RelocatedAddress] = []
        for site in relocations.code {
            switch input.functions[site.function].body[site.instruction] {
            case .i32Const(let c): values.append(RelocatedAddress(value: UInt32(bitPattern: c), addend: site.addend))
            case .load(_, let arg), .store(_, let arg):
                values.append(RelocatedAddress(value: UInt32(truncatingIfNeeded: arg.offset), addend: site.addend))
            default:
                throw CompileError("a relocation names an instruction that holds no address")
            }
        }
        let addresses = Array(Set(values)).sorted()
        // Function pointers made in code, when they become addresses: one import per index.
        let native = functionPointersAreAddresses(input)
        var indices: [UInt32] = []
        for site in relocations.functionCode where native {
            guard case .i32Const(let k) = input.functions[site.function].body[site.instruction] else {
                throw CompileError("a table index relocation names an instruction that holds no index")
            }
            indices.append(UInt32(bitPattern: k))
        }
        indices = Array(Set(indices)).sorted()
        let first = UInt32(input.importedGlobalCount)
        let count = UInt32(addresses.count + indices.count)
        var global: [RelocatedAddress: UInt32] = [:]
        for (k, a) in addresses.enumerated() { global[a] = first + UInt32(k) }
        var functionGlobal: [UInt32: UInt32] = [:]
        for (k, i) in indices.enumerated() { functionGlobal[i] = first + UInt32(addresses.count + k) }
        func shifted(_ g: UInt32) -> UInt32 { g >= first ? g + count : g }
        module.mapInstructions { i in
            switch i {
            case .globalGet(let g): .globalGet(shifted(g))
            case .globalSet(let g): .globalSet(shifted(g))
            default: i
            }
        }
        for k in module.exports.indices {
            if case .global(let g) = module.exports[k].kind { module.exports[k].kind = .global(shifted(g)) }
        }
        if var names = module.names {
            names.globals = Dictionary(uniqueKeysWithValues: names.globals.map { (shifted($0.key), $0.value) })
            module.names = names
        }
        // The new imports go right after the last global import (or at the end).
        let at =
            (module.imports.lastIndex { if case .global = $0.kind { true } else { false } }).map { $0 + 1 }
            ?? module.imports.count
        module.imports.insert(
            contentsOf: addresses.map {
                Import(module: importModule, name: $0.name, kind: .global(GlobalType(type: .i32, mutable: false)))
            }
                + indices.map {
                    Import(
                        module: functionModule, name: String($0), kind: .global(GlobalType(type: .i32, mutable: false)))
                }, at: at)
        if native {
            for site in relocations.functionCode {
                guard case .i32Const(let k) = module.functions[site.function].body[site.instruction] else { continue }
                module.functions[site.function].body[site.instruction] =
                    .globalGet(functionGlobal[UInt32(bitPattern: k)] ?? 0)
            }
        }

        // Each site, last first in each function so the earlier indices hold.
        let types = module.functionTypeIndices
        for site in relocations.code.reversed() {
            var function = module.functions[site.function]
            let instruction = function.body[site.instruction]
            switch instruction {
            case .i32Const(let c):
                function.body[site.instruction] =
                    .globalGet(global[RelocatedAddress(value: UInt32(bitPattern: c), addend: site.addend)] ?? 0)
            case .load(let op, var arg):
                let g =
                    global[RelocatedAddress(value: UInt32(truncatingIfNeeded: arg.offset), addend: site.addend)] ?? 0
                arg.offset = 0
                function.body.replaceSubrange(
                    site.instruction...site.instruction, with: [.globalGet(g), .numeric(.i32Add), .load(op, arg)])
            case .store(let op, var arg):
                let g =
                    global[RelocatedAddress(value: UInt32(truncatingIfNeeded: arg.offset), addend: site.addend)] ?? 0
                arg.offset = 0
                // The stored value waits in a scratch local while the address gains the global.
                let params = module.types[Int(types[importedFunctions + site.function])].params.count
                let scratch: UInt32
                if let k = function.locals.firstIndex(of: op.type), k >= input.functions[site.function].locals.count {
                    scratch = UInt32(params + k)
                } else {
                    function.locals.append(op.type)
                    scratch = UInt32(params + function.locals.count - 1)
                }
                function.body.replaceSubrange(
                    site.instruction...site.instruction,
                    with: [.localSet(scratch), .globalGet(g), .numeric(.i32Add), .localGet(scratch), .store(op, arg)])
            default:
                throw CompileError("a relocation names an instruction that holds no address")
            }
            module.functions[site.function] = function
        }
        var kept = MemoryRelocations(code: [], data: relocations.data, globals: relocations.globals.map(shifted))
        kept.functionData = relocations.functionData
        kept.functionPointersComplete = relocations.functionPointersComplete
        module.memoryRelocations = kept
        return module
    }

    /// The function each function-pointer global stands for (`weft.function "k"`: table
    /// index `k`), by global index.
    public static func functionPointers(in module: Module) -> [Int: Int] {
        let table = tableFunctions(module)
        var result: [Int: Int] = [:]
        var index = 0
        for imp in module.imports {
            guard case .global = imp.kind else { continue }
            if imp.module == functionModule, let k = UInt32(imp.name), let f = table[k] { result[index] = f }
            index += 1
        }
        return result
    }

    /// The address each address global stands for, by global index.
    public static func constants(in module: Module) -> [Int: RelocatedAddress] {
        var result: [Int: RelocatedAddress] = [:]
        var index = 0
        for imp in module.imports {
            guard case .global = imp.kind else { continue }
            if imp.module == importModule, let a = RelocatedAddress(name: imp.name) { result[index] = a }
            index += 1
        }
        return result
    }
}

/// An address the linker relocated: the value it wrote (`value`, symbol + addend) and the
/// addend, so the object it belongs to (`anchor`, the symbol's address) is known even when
/// the value points past its end (`&array[n]`, one past the last element, may equal the next
/// object's address). The layout of `relocated` memory places each address by its anchor.
///
/// Named `value` (the addend 0) or `value@anchor` as an imported global's field.
public struct RelocatedAddress: Hashable, Sendable, Comparable {
    public var value: UInt32
    public var addend: Int32

    public init(value: UInt32, addend: Int32 = 0) {
        self.value = value
        self.addend = addend
    }

    /// The symbol's address: the object the address is derived from.
    public var anchor: UInt32 { value &- UInt32(bitPattern: addend) }

    /// The field name of its imported global.
    public var name: String { addend == 0 ? String(value) : "\(value)@\(anchor)" }

    /// The address a field name stands for (`name`'s inverse), nil for any other text.
    public init?(name: String) {
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count <= 2, let value = UInt32(parts[0]) else { return nil }
        guard parts.count == 2 else {
            self.init(value: value)
            return
        }
        guard let anchor = UInt32(parts[1]) else { return nil }
        self.init(value: value, addend: Int32(bitPattern: value &- anchor))
    }

    public static func < (a: Self, b: Self) -> Bool { (a.value, a.addend) < (b.value, b.addend) }
}
