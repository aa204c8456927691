import ELF
import WasmModel

/// The C header of a compiled object (`weft compile --header`): what firmware written in C (or
/// C++) needs to call the module and to link it — a prototype for each function the object
/// exports, `weft_init` when the object has one, the linear memory and the other interface
/// symbols it defines, `extern` declarations of the imports it references (which the firmware
/// must define), and the ABI they follow in comments (docs/firmware.md).
///
/// Invariant: every declaration names a symbol exactly as the object defines or references it
/// — in C under that name when it is an identifier of C and C++ (not a keyword, not a
/// `<stdint.h>` name, not a macro of the header), else under a made-up identifier carrying
/// the symbol in an `__asm__` label — with the C type of its Wasm type (i32 `int32_t`, i64
/// `int64_t`, f32 `float`, f64 `double`, a reference `uint32_t`); nothing the module names
/// reaches the text but through such a label or an escaped comment, so the header is C99 and
/// C++ that GCC and clang accept whatever the names are (a symbol GNU as cannot name is
/// declared for clang only, which quotes it).
public struct CHeader: Sendable {
    /// The header's text.
    public let text: String

    /// The header for `compiled` (compiled from `module`, the module as `CompilePipeline`
    /// handed it to the compiler, under `memory`); `guardName` becomes the include guard (made
    /// an identifier), `source` names the input in the first comment.
    public init(module: Module, compiled: CompiledModule, memory: MemoryModel, guardName: String, source: String) {
        var writer = Writer(module: module, compiled: compiled, memory: memory)
        text = writer.header(guard: Self.guardMacro(guardName), source: source)
    }

    /// The C type of a Wasm value type (nil for v128, which `weft compile` refuses).
    public static func cType(_ type: ValueType) -> String? {
        switch type {
        case .i32: "int32_t"
        case .i64: "int64_t"
        case .f32: "float"
        case .f64: "double"
        case .ref: "uint32_t"
        case .v128: nil
        }
    }

    /// `name` as an include guard: letters and digits upper-cased, anything else `_`, prefixed
    /// `WEFT_` when it would not start with a letter (`sensor-node.h` → `SENSOR_NODE_H`).
    public static func guardMacro(_ name: String) -> String {
        var out = ""
        for c in name.unicodeScalars {
            out += c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) ? String(c).uppercased() : "_"
        }
        if out.first.map({ !$0.isLetter }) ?? true { out = "WEFT_" + out }
        return out
    }

    /// Whether `name` can be declared as it is in C and C++: an identifier that is no keyword,
    /// no `<stdint.h>` type and no name the header itself defines.
    public static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_"
        else { return false }
        for c in name.unicodeScalars
        where !(c.isASCII && (c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c))) {
            return false
        }
        if reserved.contains(name) || name.hasPrefix("WEFT_") { return false }
        // int8_t ... uintmax_t, and INT32_MAX-style macros.
        if (name.hasPrefix("int") || name.hasPrefix("uint")) && name.hasSuffix("_t") { return false }
        if (name.hasPrefix("INT") || name.hasPrefix("UINT"))
            && (name.hasSuffix("_MAX") || name.hasSuffix("_MIN") || name.hasSuffix("_C"))
        {
            return false
        }
        return true
    }

    /// Keywords of C23 and C++23, and other names a declaration must not take.
    static let reserved: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "_Bool", "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
        "_Static_assert", "_Thread_local", "_BitInt", "_Decimal32", "_Decimal64", "_Decimal128", "bool", "true",
        "false", "alignas", "alignof", "static_assert", "thread_local", "typeof", "typeof_unqual", "nullptr",
        "constexpr", "and", "and_eq", "asm", "bitand", "bitor", "catch", "class", "compl", "concept", "consteval",
        "constinit", "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete", "dynamic_cast",
        "explicit", "export", "friend", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "operator",
        "or", "or_eq", "private", "protected", "public", "reinterpret_cast", "requires", "static_cast",
        "template", "this", "throw", "try", "typeid", "typename", "using", "virtual", "wchar_t", "xor", "xor_eq",
        "char8_t", "char16_t", "char32_t", "__asm__", "__cplusplus", "NULL", "intptr_t", "uintptr_t",
        "ptrdiff_t", "size_t", "SIZE_MAX", "PTRDIFF_MIN", "PTRDIFF_MAX", "WCHAR_MIN", "WCHAR_MAX", "WINT_MIN",
        "WINT_MAX", "SIG_ATOMIC_MIN", "SIG_ATOMIC_MAX",
    ]

    /// `text` safe inside a C comment: printable ASCII kept (but `*/`), anything else as
    /// `\xNN` per UTF-8 byte.
    static func commentSafe(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            if b >= 0x20 && b < 0x7F && b != 0x5C {
                if b == 0x2F && out.hasSuffix("*") { out += "\\x2f" } else { out.append(Character(Unicode.Scalar(b))) }
            } else {
                out += "\\x" + hex(b)
            }
        }
        return out
    }

    /// `text` as the contents of a C string literal: printable ASCII kept (but `"`, `\` and
    /// `?`, escaped), other bytes as three-digit octal escapes.
    static func stringLiteral(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case 0x22, 0x5C, 0x3F: out += "\\" + String(Character(Unicode.Scalar(b)))
            case 0x20..<0x7F: out.append(Character(Unicode.Scalar(b)))
            default:
                let octal = String(b, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stays
    /// whole), each starting with `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count && line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines
    }

    /// `declaration` as it is when GNU as can name symbol `name` (letters, digits, `_`, `.`
    /// and `$`, not first a digit), else only for clang: GCC writes an `__asm__` label into
    /// its assembly unquoted, so it cannot reference such a symbol, while clang quotes it.
    static func clangOnly(_ name: String, _ declaration: [String]) -> [String] {
        let assemblerName =
            name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.$".unicodeScalars.contains($0))
            } && !(name.first?.isNumber ?? true)
        guard !assemblerName else { return declaration }
        let shown = commentSafe(name)
        return ["#if defined(__clang__) /* GNU as cannot name \"\(shown)\": only clang reaches it */"] + declaration + [
            "#endif"
        ]
    }

    static func hex(_ b: UInt8) -> String {
        let digits = String(b, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// Builds the text: names made C identifiers once each, declarations in a fixed order.
    struct Writer {
        let module: Module
        let compiled: CompiledModule
        let memory: MemoryModel
        /// Each object symbol defined or referenced, by name.
        let symbols: [String: ObjectFile.Symbol]
        /// The C identifiers taken so far (made-up ones must not collide).
        var taken: Set<String> = []
        var lines: [String] = []

        init(module: Module, compiled: CompiledModule, memory: MemoryModel) {
            self.module = module
            self.compiled = compiled
            self.memory = memory
            var symbols: [String: ObjectFile.Symbol] = [:]
            for s in compiled.object.symbols where symbols[s.name] == nil { symbols[s.name] = s }
            self.symbols = symbols
            for s in compiled.object.symbols where CHeader.isPlainIdentifier(s.name) { taken.insert(s.name) }
        }

        /// The object's global definition of `name`, if it has one.
        func defined(_ name: String) -> ObjectFile.Symbol? {
            guard let s = symbols[name], s.global, s.section != nil else { return nil }
            return s
        }

        /// How C names symbol `name`: itself, or a fresh identifier and the `__asm__` label
        /// that gives it the symbol (`weft_` and the name's letters and digits, runs of
        /// anything else as one `_`: "log-value" is `weft_log_value`).
        mutating func cName(_ name: String) -> (identifier: String, label: String) {
            if CHeader.isPlainIdentifier(name) { return (name, "") }
            var words = ""
            for c in name.unicodeScalars {
                if c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) {
                    words.unicodeScalars.append(c)
                } else if !words.isEmpty && !words.hasSuffix("_") {
                    words += "_"
                }
            }
            if words.hasSuffix("_") { words.removeLast() }
            let base = "weft_" + (words.isEmpty ? "symbol" : words)
            var identifier = base
            var k = 1
            while taken.contains(identifier) || !CHeader.isPlainIdentifier(identifier) {
                identifier = base + "_\(k)"
                k += 1
            }
            taken.insert(identifier)
            return (identifier, " __asm__(\"\(CHeader.stringLiteral(name))\")")
        }

        /// The declaration (or the comment saying why there is none) of a function named
        /// `name` of type `type`; `external` adds `extern`.
        mutating func function(_ name: String, _ type: FuncType, external: Bool = false) -> [String] {
            let shown = CHeader.commentSafe(name)
            guard let params = Self.types(type.params), let results = Self.types(type.results) else {
                return ["/* \(shown) \(type): a v128 value has no C type here */"]
            }
            let (identifier, label) = cName(name)
            let extern = external ? "extern " : ""
            var parameters = params
            var result = results.first ?? "void"
            var before: [String] = []
            if results.count > 1 {
                let words = type.results.reduce(0) { $0 + ($1 == .i64 || $1 == .f64 ? 2 : 1) }
                guard words > 4 else {
                    return [
                        "/* \(shown) \(type): its \(results.count) results come back in r0-r3 (weft's convention,"
                            + " docs/compile.md), which no C prototype declares: call it from assembly */"
                    ]
                }
                // More than four words: a buffer laid out as this struct, its address in r0.
                let tag = "\(identifier)_results"
                before.append("struct \(tag) {")
                for (k, r) in results.enumerated() { before.append("    \(r) r\(k);") }
                before.append("};")
                parameters.insert("struct \(tag) *results", at: 0)
                result = "void"
            }
            let list = parameters.isEmpty ? "void" : parameters.joined(separator: ", ")
            let note = label.isEmpty ? "" : " /* \(shown) */"
            return CHeader.clangOnly(name, before + ["\(extern)\(result) \(identifier)(\(list))\(label);\(note)"])
        }

        static func types(_ types: [ValueType]) -> [String]? {
            var out: [String] = []
            for t in types {
                guard let c = CHeader.cType(t) else { return nil }
                out.append(c)
            }
            return out
        }

        /// An `extern` object declaration of symbol `name`.
        mutating func object(_ name: String, type: String, const: Bool, count: Int? = nil, note: String) -> [String] {
            let (identifier, label) = cName(name)
            let array = count.map { $0 > 0 ? "[\($0)]" : "[]" } ?? ""
            let shown = label.isEmpty ? "" : " \(CHeader.commentSafe(name)):"
            return CHeader.clangOnly(
                name, ["extern \(const ? "const " : "")\(type) \(identifier)\(array)\(label); /*\(shown) \(note) */"])
        }

        var physicalPointers: Bool { memory.needsRelocations || memory == .identity }

        mutating func header(guard macro: String, source: String) -> String {
            let pieces = Set((compiled.memory?.pieces ?? []).map(\.symbol) + [CompileContext.memorySymbol])
            let memorySymbols = compiled.object.symbols.filter {
                $0.global && $0.section != nil && pieces.contains($0.name)
            }
            // The pointer macros, where a Wasm address means something: physical, or weft_memory's.
            let hasMemory =
                physicalPointers
                ? !module.allMemories.isEmpty : memorySymbols.contains { $0.name == CompileContext.memorySymbol }
            let initFunction = defined(ModuleCompiler.initSymbol)
            let types = module.functionTypeIndices

            lines.append("/* \(CHeader.commentSafe(source)): the C interface of the object weft compiled from it")
            lines.append(
                "   (weft compile --memory \(memory.rawValue) --header). Generated: edit the module, not this file.")
            lines.append("")
            abi(hasMemory: hasMemory, hasInit: initFunction != nil)
            lines.append("*/")
            lines += ["#ifndef \(macro)", "#define \(macro)", "", "#include <stdint.h>", ""]
            lines += ["#ifdef __cplusplus", "extern \"C\" {", "#endif", ""]
            lines.append("#define WEFT_MEMORY_MODEL \"\(memory.rawValue)\"")
            lines.append("#define WEFT_HAS_INIT \(initFunction == nil ? 0 : 1)")

            // Linear memory.
            if hasMemory {
                lines.append("")
                if physicalPointers {
                    lines.append("/* A Wasm address is the physical address: these only change the type. */")
                    lines.append("#define WEFT_PTR(address) ((void *)(uintptr_t)(uint32_t)(address))")
                    lines.append("#define WEFT_OFFSET(pointer) ((int32_t)(uintptr_t)(pointer))")
                } else {
                    lines.append(
                        "/* The C pointer for Wasm address a, and the Wasm address of a C pointer into weft_memory. */")
                    lines.append("#define WEFT_PTR(a) ((void *)(weft_memory + (uint32_t)(a)))")
                    lines.append("#define WEFT_OFFSET(pointer) ((int32_t)((const uint8_t *)(pointer) - weft_memory))")
                }
            }
            if !memorySymbols.isEmpty || defined(CompileContext.memorySizeSymbol) != nil {
                lines.append("")
                lines.append("/* Linear memory\(memoryNote) */")
            }
            let layout = compiled.memory?.pieces ?? []
            for s in memorySymbols {
                let place =
                    s.section == .bss ? ".bss, zero at start-up" : ".data, its bytes copied from flash at start-up"
                var note = "\(s.size) bytes in \(place)"
                if let piece = layout.first(where: { $0.symbol == s.name }), memory.needsRelocations {
                    note = "Wasm addresses \(piece.start) to \(piece.end) of the module's link; " + note
                }
                lines += object(s.name, type: "uint8_t", const: false, count: Int(s.size), note: note)
            }
            if defined(CompileContext.memorySizeSymbol) != nil {
                lines += object(
                    CompileContext.memorySizeSymbol, type: "uint32_t", const: false,
                    note: "bytes of linear memory in use: memory.grow adds to it")
            }
            if defined(MPURegion.symbol) != nil {
                lines += object(
                    MPURegion.symbol, type: "uint32_t", const: true, count: 2,
                    note: "RBAR and RASR of the MPU region weft_init programs over weft_memory")
            }
            if defined(TaskRegions.symbol) != nil {
                lines += object(
                    TaskRegions.symbol, type: "uint32_t", const: true, count: 4,
                    note: "RBAR, RASR of .data's region then .bss's: give both to the task that calls the exports")
            }

            // weft_init and the exports.
            if initFunction != nil {
                lines += ["", "/* Call once at start-up, after .data and .bss are set up, before any export. */"]
                lines += function(ModuleCompiler.initSymbol, FuncType())
            }
            var exported: [String] = []
            var elsewhere: [String] = []
            for e in module.exports {
                switch e.kind {
                case .function(let k):
                    guard defined(e.name)?.kind == .function, Int(k) < types.count,
                        Int(types[Int(k)]) < module.types.count,
                        compiled.functionSymbols.indices.contains(Int(k)), compiled.functionSymbols[Int(k)] == e.name
                    else {
                        elsewhere.append(e.name)
                        continue
                    }
                    exported += function(e.name, module.types[Int(types[Int(k)])])
                case .global(let g):
                    let globals = module.allGlobals
                    guard let s = defined(e.name), s.kind == .object, globals.indices.contains(Int(g)),
                        let type = CHeader.cType(globals[Int(g)].type)
                    else {
                        elsewhere.append(e.name)
                        continue
                    }
                    var note = "an exported global"
                    if globals[Int(g)].type == .i32 && !globals[Int(g)].mutable {
                        note +=
                            physicalPointers && memory != .identity
                            ? "; one wasm-ld made for a data symbol holds its physical address: the C object is"
                                + " WEFT_PTR of it"
                            : "; one wasm-ld made for a data symbol holds its address: WEFT_PTR of it is the C object"
                    }
                    exported += object(e.name, type: type, const: !globals[Int(g)].mutable, note: note)
                case .table:
                    guard let s = defined(e.name), s.kind == .object else {
                        elsewhere.append(e.name)
                        continue
                    }
                    exported += object(
                        e.name, type: "uint32_t", const: false, count: Int(s.size) / 4,
                        note: "an exported table: a word per entry, a funcref the address of a function record")
                case .memory:
                    if !memorySymbols.isEmpty {
                        exported.append("/* export \"\(CHeader.commentSafe(e.name))\": linear memory, above */")
                    }
                }
            }
            if !exported.isEmpty {
                lines += ["", "/* Exports. */"] + exported
            }
            if !elsewhere.isEmpty {
                let names = elsewhere.map { "\"" + CHeader.commentSafe($0) + "\"" }.joined(separator: ", ")
                lines.append(
                    "/* Not defined by this object (not compiled, or another name of an export above): \(names). */")
            }

            // Imports the object references: the firmware defines them.
            let undefined = Set(compiled.undefined)
            var imports: [String] = []
            var declared = Set<String>()
            for imp in module.imports {
                switch imp.kind {
                case .function(let t):
                    guard undefined.contains(imp.name), declared.insert(imp.name).inserted, Int(t) < module.types.count
                    else { continue }
                    imports += function(imp.name, module.types[Int(t)], external: true)
                case .global(let g):
                    guard undefined.contains(imp.name), declared.insert(imp.name).inserted,
                        let type = CHeader.cType(g.type)
                    else { continue }
                    imports += object(
                        imp.name, type: type, const: !g.mutable,
                        note:
                            "the imported global \(CHeader.commentSafe(imp.module)).\(CHeader.commentSafe(imp.name))"
                    )
                default: continue
                }
            }
            if !imports.isEmpty {
                lines += ["", "/* Imports: the firmware defines these (each under the import's field name). */"]
                lines += imports
            }
            let helpers = compiled.undefined.filter { !declared.contains($0) }
            if !helpers.isEmpty {
                lines.append("")
                lines.append(
                    "/* Run-time routines the object calls, from libgcc (link with -lgcc): "
                        + helpers.map(CHeader.commentSafe).joined(separator: ", ") + ". */")
            }
            lines += ["", "#ifdef __cplusplus", "}", "#endif", "", "#endif /* \(macro) */", ""]
            return lines.joined(separator: "\n")
        }

        /// Where linear memory's size comes from, for its comment.
        var memoryNote: String {
            guard let m = compiled.memory else { return "" }
            return ": \(m.bytes) bytes reserved (\(CHeader.commentSafe(m.source)))"
        }

        /// The ABI in the banner comment, as it holds for this object: one paragraph each.
        mutating func abi(hasMemory: Bool, hasInit: Bool) {
            var paragraphs = [
                "Calls: the AAPCS, as C on Cortex-M3 (soft-float): arguments in r0-r3, then the stack (64-bit"
                    + " ones in an even register pair or an 8-byte aligned slot); results in r0, or r0:r1; r4-r11"
                    + " preserved. Wasm's i32 is int32_t (the bits of a uint32_t or a pointer alike), i64 int64_t,"
                    + " f32 float, f64 double; a funcref or externref is one 32-bit word (uint32_t)."
            ]
            if hasMemory {
                switch memory {
                case .relocated, .task:
                    paragraphs.append(
                        "Pointers: every address the module holds is physical (the linker's relocations, wasm-ld"
                            + " --emit-relocs): a pointer an export takes or returns is a C pointer, passed as it is"
                            + " (the int32_t holds its bits; WEFT_PTR and WEFT_OFFSET only change the type)."
                            + (memory == .task
                                ? " The task reaches only the regions of weft_task_regions: a buffer it is given"
                                    + " must lie there." : "")
                            + " A C object of the module is reached through its address, returned by an export"
                            + " (a function returning &object), or held by the global wasm-ld exports for a data"
                            + " symbol (--export=object), whose value is then the object's physical address.")
                case .identity:
                    paragraphs.append(
                        "Pointers: linear memory is linked at address 0, so a Wasm address is physical: a pointer"
                            + " an export takes or returns is a C pointer (WEFT_PTR only changes its type). A C"
                            + " object of the module is reached through its address: returned by an export, or held"
                            + " by the global wasm-ld exports for a data symbol (--export=object).")
                default:
                    paragraphs.append(
                        "Pointers: a pointer an export takes or returns is a Wasm address, an offset into linear"
                            + " memory (weft_memory): WEFT_PTR(a) is the C pointer, WEFT_OFFSET(p) the Wasm address"
                            + " of a C pointer into weft_memory. The module addresses only its own memory: native"
                            + " data it should read is copied in first (to a buffer an export returns). A C object"
                            + " of the module is reached through its address: returned by an export"
                            + " (a function returning &object), or held by the global wasm-ld exports for a"
                            + " data symbol (--export=object): WEFT_PTR(object).")
                }
            }
            if hasInit {
                var does = memory == .linked || memory == .mpu ? "copies the module's initialized data in, " : ""
                if memory == .mpu { does += "programs the MPU region over weft_memory, " }
                paragraphs.append(
                    "Start-up: call weft_init() once, after the C runtime has copied .data and zeroed .bss, before"
                        + " any export (it \(does)sets up globals and runs the start function, as the module has"
                        + " them).")
            } else {
                paragraphs.append(
                    "Start-up: nothing to call (no weft_init): the C runtime's .data copy and .bss zeroing set the"
                        + " module up.")
            }
            paragraphs.append(
                "Traps: a Wasm trap (unreachable, an integer division by zero or overflow, a failed call_indirect,"
                    + " a float-to-int conversion out of range\(memory == .checked ? ", an access out of bounds" : ""))"
                    + " executes udf #0: an undefined-instruction UsageFault, escalated to HardFault unless UsageFault"
                    + " is enabled (SCB->SHCSR bit 18). The stacked PC is the udf's address, in the trapping function."
                    + (memory == .mpu || memory == .task
                        ? " An access outside the module's memory is a MemManage fault (HardFault unless SHCSR bit 16)."
                        : ""))
            for (k, paragraph) in paragraphs.enumerated() {
                if k > 0 { lines.append("") }
                lines += CHeader.wrap(paragraph, width: 96, indent: "   ")
            }
        }
    }
}
