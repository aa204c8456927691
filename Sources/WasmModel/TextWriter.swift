/// A whole module in the text format (WAT), as `weft optimize -S` writes it.
///
/// Invariant: parsing the text (`wat2wasm`, or WasmKit's `WAT`) gives back the module's
/// sections exactly — types, imports, functions with their locals and bodies, tables,
/// memories, globals, exports, start, element and data segments — whatever the names say:
/// a name from the name section becomes an `$id` (characters an id cannot hold replaced by
/// `_`, and made unique in its index space), every definition also carries its index as a
/// `(;N;)` comment, and anything without a name is referred to by number. Floats are written
/// as exact hexadecimal (`nan:0x…` keeps a NaN's payload). Custom sections other than `name`
/// have no text form and are listed as comments; the data count section is left to the
/// parser, which writes one when the code needs it.
public struct TextWriter {
    let module: Module
    let functionIds: [UInt32: String]
    let globalIds: [UInt32: String]
    var out: [String] = []

    /// The module as WAT text, one field per line and each function body indented by
    /// its nesting, ending in a newline.
    public static func text(_ module: Module) -> String {
        var writer = TextWriter(module)
        writer.writeModule()
        return writer.out.joined(separator: "\n") + "\n"
    }

    init(_ module: Module) {
        self.module = module
        functionIds = Self.ids(module.names?.functions ?? [:])
        globalIds = Self.ids(module.names?.globals ?? [:])
    }

    // MARK: Names

    /// Whether `c` may appear in a WAT identifier (`idchar`).
    static func isIdCharacter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"):
            return true
        default:
            return Array("!#$%&'*+-./:<=>?@\\^_`|~".utf8).contains(c)
        }
    }

    /// `$id`s for the names of one index space: each name with the characters an id cannot
    /// hold replaced by `_`, and `.N` added where two would be the same (lower indices first).
    static func ids(_ names: [UInt32: String]) -> [UInt32: String] {
        var result: [UInt32: String] = [:]
        var taken = Set<String>()
        for (index, name) in names.sorted(by: { $0.key < $1.key }) where !name.isEmpty {
            let base = String(decoding: name.utf8.map { isIdCharacter($0) ? $0 : UInt8(ascii: "_") }, as: UTF8.self)
            var id = base
            var n = 1
            while taken.contains(id) {
                id = "\(base).\(n)"
                n += 1
            }
            taken.insert(id)
            result[index] = "$" + id
        }
        return result
    }

    /// A definition's id and index comment: `$name (;3;)`, or `(;3;)` without a name.
    static func label(_ id: String?, _ index: Int) -> String {
        (id.map { $0 + " " } ?? "") + "(;\(index);)"
    }

    func function(_ index: UInt32) -> String { functionIds[index] ?? "\(index)" }
    func global(_ index: UInt32) -> String { globalIds[index] ?? "\(index)" }

    /// A string literal of `bytes`: printable ASCII as is, the rest as `\hh` escapes.
    static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var text = "\""
        for b in bytes {
            if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                text += "\\" + hex(b)
            }
        }
        return text + "\""
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    // MARK: Types

    static func signature(_ type: FuncType, names: [UInt32: String] = [:]) -> String {
        var parts: [String] = []
        if names.isEmpty {
            if !type.params.isEmpty { parts.append("(param \(type.params.map(\.description).joined(separator: " ")))") }
        } else {
            for (k, t) in type.params.enumerated() {
                parts.append(names[UInt32(k)].map { "(param \($0) \(t))" } ?? "(param \(t))")
            }
        }
        if !type.results.isEmpty { parts.append("(result \(type.results.map(\.description).joined(separator: " ")))") }
        return parts.joined(separator: " ")
    }

    static func limits(_ l: Limits) -> String {
        (l.is64 ? "i64 " : "") + "\(l.min)" + (l.max.map { " \($0)" } ?? "")
    }

    static func globalType(_ g: GlobalType) -> String { g.mutable ? "(mut \(g.type))" : g.type.description }

    static func tableType(_ t: TableType) -> String { "\(limits(t.limits)) \(t.element)" }

    func typeUse(_ index: UInt32) -> String {
        let signature = module.types.indices.contains(Int(index)) ? Self.signature(module.types[Int(index)]) : ""
        return "(type \(index))" + (signature.isEmpty ? "" : " " + signature)
    }

    // MARK: Module

    mutating func writeModule() {
        let names = module.names
        out.append("(module" + (names?.module.map { " " + (Self.ids([0: $0])[0] ?? "") } ?? ""))
        let typeIds = Self.ids(names?.types ?? [:])
        for (k, type) in module.types.enumerated() {
            let signature = Self.signature(type)
            let label = Self.label(typeIds[UInt32(k)], k)
            out.append("  (type \(label) (func\(signature.isEmpty ? "" : " " + signature)))")
        }
        let tableIds = Self.ids(names?.tables ?? [:])
        let memoryIds = Self.ids(names?.memories ?? [:])
        var counts = (function: 0, table: 0, memory: 0, global: 0)
        for imp in module.imports {
            let what: String
            switch imp.kind {
            case .function(let t):
                let k = counts.function
                counts.function += 1
                what = "func \(Self.label(functionIds[UInt32(k)], k)) \(typeUse(t))"
            case .table(let t):
                let k = counts.table
                counts.table += 1
                what = "table \(Self.label(tableIds[UInt32(k)], k)) \(Self.tableType(t))"
            case .memory(let m):
                let k = counts.memory
                counts.memory += 1
                what = "memory \(Self.label(memoryIds[UInt32(k)], k)) \(Self.limits(m))"
            case .global(let g):
                let k = counts.global
                counts.global += 1
                what = "global \(Self.label(globalIds[UInt32(k)], k)) \(Self.globalType(g))"
            }
            out.append("  (import \(Self.string(imp.module.utf8)) \(Self.string(imp.name.utf8)) (\(what)))")
        }
        for (k, f) in module.functions.enumerated() { writeFunction(f, index: counts.function + k) }
        for (k, t) in module.tables.enumerated() {
            let index = counts.table + k
            let initializer = t.initializer.map { " " + folded($0, locals: [:]) } ?? ""
            out.append(
                "  (table \(Self.label(tableIds[UInt32(index)], index)) \(Self.tableType(t.type))\(initializer))")
        }
        for (k, m) in module.memories.enumerated() {
            let index = counts.memory + k
            out.append("  (memory \(Self.label(memoryIds[UInt32(index)], index)) \(Self.limits(m)))")
        }
        for (k, g) in module.globals.enumerated() {
            let index = counts.global + k
            out.append(
                "  (global \(Self.label(globalIds[UInt32(index)], index)) \(Self.globalType(g.type)) "
                    + "\(folded(g.initializer, locals: [:])))")
        }
        for e in module.exports {
            let what: String
            switch e.kind {
            case .function(let i): what = "func \(function(i))"
            case .table(let i): what = "table \(i)"
            case .memory(let i): what = "memory \(i)"
            case .global(let i): what = "global \(global(i))"
            }
            out.append("  (export \(Self.string(e.name.utf8)) (\(what)))")
        }
        if let start = module.start { out.append("  (start \(function(start)))") }
        let elementIds = Self.ids(names?.elements ?? [:])
        for (k, segment) in module.elements.enumerated() {
            writeElements(segment, label: Self.label(elementIds[UInt32(k)], k))
        }
        let dataIds = Self.ids(names?.data ?? [:])
        for (k, segment) in module.data.enumerated() { writeData(segment, label: Self.label(dataIds[UInt32(k)], k)) }
        for custom in module.customSections {
            out.append(
                "  (; custom section \(Self.string(custom.name.utf8).replacing(";", with: "\\3b")), \(custom.bytes.count) bytes ;)"
            )
        }
        out[out.count - 1] += ")"
    }

    mutating func writeFunction(_ f: Function, index: Int) {
        let localNames = module.names?.locals[UInt32(index)] ?? [:]
        var localIds = Self.ids(localNames)
        let type = module.types.indices.contains(Int(f.type)) ? module.types[Int(f.type)] : FuncType()
        let params = type.params.count
        let label = Self.label(functionIds[UInt32(index)], index)
        if localIds.keys.contains(where: { $0 < params }) {
            // Named parameters: a parser takes their names only from a signature without
            // `(type N)` (WasmKit's ignores them beside one), which means the first type of
            // that signature. A function of a later duplicate keeps `(type N)`, its
            // parameters used by number.
            if module.types.firstIndex(of: type) == Int(f.type) {
                out.append("  (func \(label) \(Self.signature(type, names: localIds))")
            } else {
                localIds = localIds.filter { $0.key >= params }
                out.append("  (func \(label) \(typeUse(f.type))")
            }
        } else {
            out.append("  (func \(label) \(typeUse(f.type))")
        }
        // Unnamed locals in runs, each named one on its own: `(local i32 i32) (local $x i64)`.
        var declarations: [String] = []
        var run: [String] = []
        for (k, t) in f.locals.enumerated() {
            if let id = localIds[UInt32(params + k)] {
                if !run.isEmpty { declarations.append("(local \(run.joined(separator: " ")))") }
                run = []
                declarations.append("(local \(id) \(t))")
            } else {
                run.append(t.description)
            }
        }
        if !run.isEmpty { declarations.append("(local \(run.joined(separator: " ")))") }
        if !declarations.isEmpty { out.append("    " + declarations.joined(separator: " ")) }
        var depth = 2
        // The body's last instruction is the function's own `end`, which the text leaves out.
        for instruction in f.body.dropLast() {
            switch instruction {
            case .end, .else: depth = max(2, depth - 1)
            default: break
            }
            out.append(String(repeating: "  ", count: depth) + text(instruction, locals: localIds))
            switch instruction {
            case .block, .loop, .if, .else: depth += 1
            default: break
            }
        }
        out[out.count - 1] += ")"
    }

    mutating func writeElements(_ segment: ElementSegment, label: String) {
        var fields = [label]
        switch segment.mode {
        case .active(let table, let offset):
            if table != 0 { fields.append("(table \(table))") }
            fields.append("(offset \(folded(offset, locals: [:])))")
        case .passive: break
        case .declarative: fields.append("declare")
        }
        // A list of function indices when every item is a `ref.func` and the segment's type
        // is what such a list means, `(ref func)`; expressions otherwise.
        var functions: [UInt32] = []
        for item in segment.items {
            guard segment.type == RefType(nullable: false, heap: .func), item.count == 1,
                case .refFunc(let f) = item[0]
            else { break }
            functions.append(f)
        }
        if functions.count == segment.items.count && segment.type == RefType(nullable: false, heap: .func) {
            fields.append(functions.isEmpty ? "func" : "func " + functions.map(function).joined(separator: " "))
        } else {
            fields.append(segment.type.description)
            for item in segment.items { fields.append("(item \(folded(item, locals: [:])))") }
        }
        out.append("  (elem \(fields.joined(separator: " ")))")
    }

    mutating func writeData(_ segment: DataSegment, label: String) {
        var head = "  (data \(label)"
        if case .active(let memory, let offset) = segment.mode {
            if memory != 0 { head += " (memory \(memory))" }
            head += " (offset \(folded(offset, locals: [:])))"
        }
        // Long segments as several strings, 32 bytes to a line (the parser joins them).
        let chunk = 32
        if segment.bytes.count <= chunk {
            out.append(head + " " + Self.string(segment.bytes) + ")")
            return
        }
        out.append(head)
        var start = 0
        while start < segment.bytes.count {
            let end = min(start + chunk, segment.bytes.count)
            out.append("    " + Self.string(segment.bytes[start..<end]))
            start = end
        }
        out[out.count - 1] += ")"
    }

    // MARK: Instructions

    /// A constant expression as folded instructions: `(i32.const 8)`.
    func folded(_ code: [Instruction], locals: [UInt32: String]) -> String {
        code.map { "(\(text($0, locals: locals)))" }.joined(separator: " ")
    }

    /// The log2 of the natural alignment of an access of `width` bytes.
    static func naturalAlignment(_ width: Int) -> UInt32 { UInt32(width.trailingZeroBitCount) }

    static func memoryArgument(_ a: MemArg, width: Int) -> String {
        var text = a.memory == 0 ? "" : " \(a.memory)"
        if a.offset != 0 { text += " offset=\(a.offset)" }
        if a.align != naturalAlignment(width) { text += " align=\(a.align < 64 ? UInt64(1) << UInt64(a.align) : 0)" }
        return text
    }

    static func blockType(_ bt: BlockType, in module: Module) -> String {
        switch bt {
        case .empty: return ""
        case .value(let t): return " (result \(t))"
        case .index(let i):
            // The signature too, so a parser keeps the index rather than a value type.
            let signature =
                module.types.indices.contains(Int(i)) ? Self.signature(module.types[Int(i)]) : ""
            return " (type \(i))" + (signature.isEmpty ? "" : " " + signature)
        }
    }

    /// One instruction in the text format, with every immediate (ids where there are names).
    func text(_ instruction: Instruction, locals: [UInt32: String]) -> String {
        let name = instruction.mnemonic
        func local(_ x: UInt32) -> String { locals[x] ?? "\(x)" }
        func memory(_ m: UInt32) -> String { m == 0 ? name : "\(name) \(m)" }
        switch instruction {
        case .block(let bt), .loop(let bt), .if(let bt): return name + Self.blockType(bt, in: module)
        case .br(let x), .brIf(let x), .brOnNull(let x), .brOnNonNull(let x), .elemDrop(let x), .dataDrop(let x),
            .tableGet(let x), .tableSet(let x), .tableSize(let x), .tableGrow(let x), .tableFill(let x),
            .callRef(let x):
            return "\(name) \(x)"
        case .brTable(let targets, let fallback):
            return name + " " + (targets + [fallback]).map(String.init).joined(separator: " ")
        case .call(let f), .refFunc(let f): return "\(name) \(function(f))"
        case .callIndirect(let type, let table):
            return table == 0 ? "\(name) (type \(type))" : "\(name) \(table) (type \(type))"
        case .selectTyped(let types): return "select (result \(types.map(\.description).joined(separator: " ")))"
        case .localGet(let x), .localSet(let x), .localTee(let x): return "\(name) \(local(x))"
        case .globalGet(let x), .globalSet(let x): return "\(name) \(global(x))"
        case .tableCopy(let dst, let src): return "\(name) \(dst) \(src)"
        case .tableInit(let elem, let table): return "\(name) \(table) \(elem)"
        case .load(let op, let a): return name + Self.memoryArgument(a, width: op.width)
        case .store(let op, let a): return name + Self.memoryArgument(a, width: op.width)
        case .memorySize(let m), .memoryGrow(let m), .memoryFill(let m): return memory(m)
        case .memoryInit(let data, let m): return m == 0 ? "\(name) \(data)" : "\(name) \(m) \(data)"
        case .memoryCopy(let dst, let src): return dst == 0 && src == 0 ? name : "\(name) \(dst) \(src)"
        case .i32Const(let v): return "\(name) \(v)"
        case .i64Const(let v): return "\(name) \(v)"
        case .f32Const(let bits):
            return
                "\(name) \(Self.float(UInt64(bits), exponentBits: 8, fractionBits: 23)) (;=\(Float(bitPattern: bits));)"
        case .f64Const(let bits):
            return "\(name) \(Self.float(bits, exponentBits: 11, fractionBits: 52)) (;=\(Double(bitPattern: bits));)"
        case .refNull(let heap): return "\(name) \(heap)"
        default: return name
        }
    }

    /// An IEEE 754 bit pattern as exact WAT: `inf`, `nan:0x…` (the payload), or a
    /// hexadecimal float (`0x1.8p+1`, subnormals as `0x0.…p-126`), signed when negative.
    static func float(_ bits: UInt64, exponentBits: Int, fractionBits: Int) -> String {
        let sign = bits >> UInt64(exponentBits + fractionBits) & 1 == 1 ? "-" : ""
        let exponentMask = (UInt64(1) << UInt64(exponentBits)) - 1
        let exponent = bits >> UInt64(fractionBits) & exponentMask
        let fraction = bits & ((UInt64(1) << UInt64(fractionBits)) - 1)
        if exponent == exponentMask {
            return sign + (fraction == 0 ? "inf" : "nan:0x" + String(fraction, radix: 16))
        }
        if exponent == 0 && fraction == 0 { return sign + "0x0p+0" }
        // The fraction in whole hex digits (23 bits padded to 24), trailing zeros dropped.
        let digits = (fractionBits + 3) / 4
        var hex = String(fraction << UInt64(digits * 4 - fractionBits), radix: 16)
        hex = String(repeating: "0", count: digits - hex.count) + hex
        while hex.hasSuffix("0") { hex.removeLast() }
        let bias = (1 << (exponentBits - 1)) - 1
        let lead = exponent == 0 ? "0" : "1"
        let power = exponent == 0 ? 1 - bias : Int(exponent) - bias
        return sign + "0x\(lead)" + (hex.isEmpty ? "" : "." + hex) + "p" + (power >= 0 ? "+" : "") + "\(power)"
    }
}
