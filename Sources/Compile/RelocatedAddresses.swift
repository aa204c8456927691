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

    /// The module with its addresses made symbolic, as above. Throws when it carries no
    /// relocations, or asks for its memory's size (`memory.size` and `memory.grow` count
    /// pages from 0, which physical addresses no longer do).
    public static func rewrite(_ input: Module) throws(CompileError) -> Module {
        guard let relocations = input.memoryRelocations else {
            throw CompileError(
                "--memory relocated needs the linker's relocations: link the module with wasm-ld --emit-relocs (or use --memory linked)"
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
        var values: [UInt32] = []
        for site in relocations.code {
            switch input.functions[site.function].body[site.instruction] {
            case .i32Const(let c): values.append(UInt32(bitPattern: c))
            case .load(_, let arg), .store(_, let arg): values.append(UInt32(truncatingIfNeeded: arg.offset))
            default:
                throw CompileError("a relocation names an instruction that holds no address")
            }
        }
        let addresses = Array(Set(values)).sorted()
        let first = UInt32(input.importedGlobalCount)
        let count = UInt32(addresses.count)
        var global: [UInt32: UInt32] = [:]
        for (k, a) in addresses.enumerated() { global[a] = first + UInt32(k) }
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
                Import(
                    module: importModule, name: String($0), kind: .global(GlobalType(type: .i32, mutable: false)))
            }, at: at)

        // Each site, last first in each function so the earlier indices hold.
        let types = module.functionTypeIndices
        for site in relocations.code.reversed() {
            var function = module.functions[site.function]
            let instruction = function.body[site.instruction]
            switch instruction {
            case .i32Const(let c):
                function.body[site.instruction] = .globalGet(global[UInt32(bitPattern: c)] ?? 0)
            case .load(let op, var arg):
                let g = global[UInt32(truncatingIfNeeded: arg.offset)] ?? 0
                arg.offset = 0
                function.body.replaceSubrange(
                    site.instruction...site.instruction, with: [.globalGet(g), .numeric(.i32Add), .load(op, arg)])
            case .store(let op, var arg):
                let g = global[UInt32(truncatingIfNeeded: arg.offset)] ?? 0
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
        module.memoryRelocations = MemoryRelocations(
            code: [], data: relocations.data, globals: relocations.globals.map(shifted))
        return module
    }

    /// The address `c` each address global stands for (`weft_memory + c`), by global index.
    public static func constants(in module: Module) -> [Int: UInt32] {
        var result: [Int: UInt32] = [:]
        var index = 0
        for imp in module.imports {
            guard case .global = imp.kind else { continue }
            if imp.module == importModule, let c = UInt32(imp.name) { result[index] = c }
            index += 1
        }
        return result
    }
}
