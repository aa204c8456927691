import WasmModel

/// Writes a `Module` as a Wasm binary.
///
/// Sections come out in the standard order, empty ones omitted; custom sections go back after
/// the standard section they followed in the input; the name section is rebuilt from
/// `Module.names` and written last. Integers use minimal LEB128.
public enum WasmEncoder {
    /// Standard section ids in the order the binary format requires.
    static let sectionOrder: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11]

    public static func encode(_ module: Module) -> [UInt8] {
        var out = ByteWriter()
        out.append([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        emitCustom(after: 0, module, &out)
        for id in sectionOrder {
            if let content = section(id, module) {
                out.byte(id)
                out.unsigned(content.count)
                out.append(content)
            }
            emitCustom(after: id, module, &out)
        }
        return out.bytes
    }

    private static func emitCustom(after id: UInt8, _ module: Module, _ out: inout ByteWriter) {
        let placed = { (after: UInt8) -> UInt8 in sectionOrder.contains(after) ? after : 0 }
        for custom in module.customSections where placed(custom.after) == id {
            out.byte(0)
            out.sized { w in
                w.name(custom.name)
                w.append(custom.bytes)
            }
        }
        if let names = module.names, id == sectionOrder.last {
            out.byte(0)
            out.sized { w in
                w.name("name")
                nameSection(names, &w)
            }
        }
    }

    private static func section(_ id: UInt8, _ m: Module) -> [UInt8]? {
        var w = ByteWriter()
        switch id {
        case 1:
            guard !m.types.isEmpty else { return nil }
            w.vector(m.types) { w, t in
                w.byte(0x60)
                w.vector(t.params) { w, v in valueType(v, &w) }
                w.vector(t.results) { w, v in valueType(v, &w) }
            }
        case 2:
            guard !m.imports.isEmpty else { return nil }
            w.vector(m.imports) { w, imp in
                w.name(imp.module)
                w.name(imp.name)
                switch imp.kind {
                case .function(let t):
                    w.byte(0x00)
                    w.unsigned(t)
                case .table(let t):
                    w.byte(0x01)
                    tableType(t, &w)
                case .memory(let l):
                    w.byte(0x02)
                    limits(l, &w)
                case .global(let g):
                    w.byte(0x03)
                    globalType(g, &w)
                }
            }
        case 3:
            guard !m.functions.isEmpty else { return nil }
            w.vector(m.functions) { w, f in w.unsigned(f.type) }
        case 4:
            guard !m.tables.isEmpty else { return nil }
            w.vector(m.tables) { w, t in
                if let initializer = t.initializer {
                    w.byte(0x40)
                    w.byte(0x00)
                    tableType(t.type, &w)
                    constExpr(initializer, &w)
                } else {
                    tableType(t.type, &w)
                }
            }
        case 5:
            guard !m.memories.isEmpty else { return nil }
            w.vector(m.memories) { w, l in limits(l, &w) }
        case 6:
            guard !m.globals.isEmpty else { return nil }
            w.vector(m.globals) { w, g in
                globalType(g.type, &w)
                constExpr(g.initializer, &w)
            }
        case 7:
            guard !m.exports.isEmpty else { return nil }
            w.vector(m.exports) { w, e in
                w.name(e.name)
                switch e.kind {
                case .function(let i):
                    w.byte(0x00)
                    w.unsigned(i)
                case .table(let i):
                    w.byte(0x01)
                    w.unsigned(i)
                case .memory(let i):
                    w.byte(0x02)
                    w.unsigned(i)
                case .global(let i):
                    w.byte(0x03)
                    w.unsigned(i)
                }
            }
        case 8:
            guard let start = m.start else { return nil }
            w.unsigned(start)
        case 9:
            guard !m.elements.isEmpty else { return nil }
            w.vector(m.elements) { w, e in elementSegment(e, &w) }
        case 12:
            guard m.dataCount != nil else { return nil }
            w.unsigned(m.data.count)
        case 10:
            guard !m.functions.isEmpty else { return nil }
            w.vector(m.functions) { w, f in w.sized { w in functionBody(f, &w) } }
        case 11:
            guard !m.data.isEmpty else { return nil }
            w.vector(m.data) { w, d in
                switch d.mode {
                case .active(let memory, let offset):
                    if memory == 0 {
                        w.byte(0x00)
                    } else {
                        w.byte(0x02)
                        w.unsigned(memory)
                    }
                    constExpr(offset, &w)
                case .passive:
                    w.byte(0x01)
                }
                w.unsigned(d.bytes.count)
                w.append(d.bytes)
            }
        default:
            return nil
        }
        return w.bytes
    }

    /// A function's code entry without its size prefix: local declarations (runs of equal
    /// types) and instructions.
    public static func functionBody(_ f: Function, _ w: inout ByteWriter) {
        var runs: [(count: Int, type: ValueType)] = []
        for local in f.locals {
            if let last = runs.last, last.type == local {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((1, local))
            }
        }
        w.vector(runs) { w, run in
            w.unsigned(run.count)
            valueType(run.type, &w)
        }
        for inst in f.body { instruction(inst, &w) }
    }

    /// Encoded bytes of a function's code entry without its size prefix.
    public static func functionSize(_ f: Function) -> Int {
        var w = ByteWriter()
        functionBody(f, &w)
        return w.bytes.count
    }

    /// Encoded bytes of one instruction.
    public static func size(of inst: Instruction) -> Int {
        var w = ByteWriter()
        instruction(inst, &w)
        return w.bytes.count
    }

    private static func elementSegment(_ e: ElementSegment, _ w: inout ByteWriter) {
        // Function-index form when every item is a plain `ref.func` and the segment's type
        // is what that form means, `(ref func)`; expression form otherwise.
        var indices: [UInt32] = []
        for item in e.items {
            guard item.count == 1, case .refFunc(let f) = item[0] else {
                indices = []
                break
            }
            indices.append(f)
        }
        let indexForm =
            indices.count == e.items.count && e.type == RefType(nullable: false, heap: .func)
        if indexForm {
            switch e.mode {
            case .active(let table, let offset):
                if table == 0 {
                    w.byte(0)
                    constExpr(offset, &w)
                } else {
                    w.byte(2)
                    w.unsigned(table)
                    constExpr(offset, &w)
                    w.byte(0x00)
                }
            case .passive:
                w.byte(1)
                w.byte(0x00)
            case .declarative:
                w.byte(3)
                w.byte(0x00)
            }
            w.vector(indices) { w, f in w.unsigned(f) }
        } else {
            switch e.mode {
            case .active(let table, let offset):
                if table == 0 && e.type == .funcref {
                    w.byte(4)
                    constExpr(offset, &w)
                } else {
                    w.byte(6)
                    w.unsigned(table)
                    constExpr(offset, &w)
                    refType(e.type, &w)
                }
            case .passive:
                w.byte(5)
                refType(e.type, &w)
            case .declarative:
                w.byte(7)
                refType(e.type, &w)
            }
            w.vector(e.items) { w, item in constExpr(item, &w) }
        }
    }

    private static func nameSection(_ n: NameSection, _ w: inout ByteWriter) {
        func nameMap(_ map: [UInt32: String], _ w: inout ByteWriter) {
            w.vector(map.sorted { $0.key < $1.key }) { w, entry in
                w.unsigned(entry.key)
                w.name(entry.value)
            }
        }
        func subsection(_ id: UInt8, _ body: (inout ByteWriter) -> Void) {
            w.byte(id)
            w.sized(body)
        }
        func indirect(_ id: UInt8, _ map: [UInt32: [UInt32: String]]) {
            guard !map.isEmpty else { return }
            subsection(id) { w in
                w.vector(map.sorted { $0.key < $1.key }) { w, entry in
                    w.unsigned(entry.key)
                    nameMap(entry.value, &w)
                }
            }
        }
        func direct(_ id: UInt8, _ map: [UInt32: String]) {
            guard !map.isEmpty else { return }
            subsection(id) { w in nameMap(map, &w) }
        }
        if let module = n.module { subsection(0) { w in w.name(module) } }
        direct(1, n.functions)
        indirect(2, n.locals)
        indirect(3, n.labels)
        direct(4, n.types)
        direct(5, n.tables)
        direct(6, n.memories)
        direct(7, n.globals)
        direct(8, n.elements)
        direct(9, n.data)
    }

    // MARK: Types

    static func valueType(_ t: ValueType, _ w: inout ByteWriter) {
        switch t {
        case .i32: w.byte(0x7F)
        case .i64: w.byte(0x7E)
        case .f32: w.byte(0x7D)
        case .f64: w.byte(0x7C)
        case .v128: w.byte(0x7B)
        case .ref(let r): refType(r, &w)
        }
    }

    static func refType(_ r: RefType, _ w: inout ByteWriter) {
        switch (r.nullable, r.heap) {
        case (true, .func): w.byte(0x70)
        case (true, .extern): w.byte(0x6F)
        case (true, let h):
            w.byte(0x63)
            heapType(h, &w)
        case (false, let h):
            w.byte(0x64)
            heapType(h, &w)
        }
    }

    static func heapType(_ h: HeapType, _ w: inout ByteWriter) {
        switch h {
        case .func: w.byte(0x70)
        case .extern: w.byte(0x6F)
        case .concrete(let i): w.signed(Int64(i))
        }
    }

    static func limits(_ l: Limits, _ w: inout ByteWriter) {
        let flag: UInt8 = (l.max == nil ? 0 : 1) | (l.is64 ? 4 : 0)
        w.byte(flag)
        w.unsigned(l.min)
        if let max = l.max { w.unsigned(max) }
    }

    static func tableType(_ t: TableType, _ w: inout ByteWriter) {
        refType(t.element, &w)
        limits(t.limits, &w)
    }

    static func globalType(_ g: GlobalType, _ w: inout ByteWriter) {
        valueType(g.type, &w)
        w.byte(g.mutable ? 1 : 0)
    }

    static func blockType(_ b: BlockType, _ w: inout ByteWriter) {
        switch b {
        case .empty: w.byte(0x40)
        case .value(let t): valueType(t, &w)
        case .index(let i): w.signed(Int64(i))
        }
    }

    static func constExpr(_ expr: [Instruction], _ w: inout ByteWriter) {
        for inst in expr { instruction(inst, &w) }
        w.byte(0x0B)
    }

    static func memArg(_ m: MemArg, _ w: inout ByteWriter) {
        if m.memory == 0 {
            w.unsigned(m.align)
        } else {
            w.unsigned(m.align | 0x40)
            w.unsigned(m.memory)
        }
        w.unsigned(m.offset)
    }

    // MARK: Instructions

    /// Appends one instruction's encoding.
    public static func instruction(_ inst: Instruction, _ w: inout ByteWriter) {
        switch inst {
        case .unreachable: w.byte(0x00)
        case .nop: w.byte(0x01)
        case .block(let bt):
            w.byte(0x02)
            blockType(bt, &w)
        case .loop(let bt):
            w.byte(0x03)
            blockType(bt, &w)
        case .if(let bt):
            w.byte(0x04)
            blockType(bt, &w)
        case .else: w.byte(0x05)
        case .end: w.byte(0x0B)
        case .br(let d):
            w.byte(0x0C)
            w.unsigned(d)
        case .brIf(let d):
            w.byte(0x0D)
            w.unsigned(d)
        case .brTable(let targets, let def):
            w.byte(0x0E)
            w.vector(targets) { w, t in w.unsigned(t) }
            w.unsigned(def)
        case .return: w.byte(0x0F)
        case .call(let f):
            w.byte(0x10)
            w.unsigned(f)
        case .callIndirect(let t, let table):
            w.byte(0x11)
            w.unsigned(t)
            w.unsigned(table)
        case .callRef(let t):
            w.byte(0x14)
            w.unsigned(t)
        case .drop: w.byte(0x1A)
        case .select: w.byte(0x1B)
        case .selectTyped(let types):
            w.byte(0x1C)
            w.vector(types) { w, t in valueType(t, &w) }
        case .localGet(let i):
            w.byte(0x20)
            w.unsigned(i)
        case .localSet(let i):
            w.byte(0x21)
            w.unsigned(i)
        case .localTee(let i):
            w.byte(0x22)
            w.unsigned(i)
        case .globalGet(let i):
            w.byte(0x23)
            w.unsigned(i)
        case .globalSet(let i):
            w.byte(0x24)
            w.unsigned(i)
        case .tableGet(let t):
            w.byte(0x25)
            w.unsigned(t)
        case .tableSet(let t):
            w.byte(0x26)
            w.unsigned(t)
        case .load(let op, let m):
            w.byte(op.rawValue)
            memArg(m, &w)
        case .store(let op, let m):
            w.byte(op.rawValue)
            memArg(m, &w)
        case .memorySize(let m):
            w.byte(0x3F)
            w.unsigned(m)
        case .memoryGrow(let m):
            w.byte(0x40)
            w.unsigned(m)
        case .i32Const(let v):
            w.byte(0x41)
            w.signed(Int64(v))
        case .i64Const(let v):
            w.byte(0x42)
            w.signed(v)
        case .f32Const(let bits):
            w.byte(0x43)
            w.fixed32(bits)
        case .f64Const(let bits):
            w.byte(0x44)
            w.fixed64(bits)
        case .refNull(let h):
            w.byte(0xD0)
            heapType(h, &w)
        case .refIsNull: w.byte(0xD1)
        case .refFunc(let f):
            w.byte(0xD2)
            w.unsigned(f)
        case .refAsNonNull: w.byte(0xD4)
        case .brOnNull(let d):
            w.byte(0xD5)
            w.unsigned(d)
        case .brOnNonNull(let d):
            w.byte(0xD6)
            w.unsigned(d)
        case .numeric(let op):
            if op.rawValue < 0x100 {
                w.byte(UInt8(op.rawValue))
            } else {
                w.byte(UInt8(op.rawValue >> 8))
                w.unsigned(UInt32(op.rawValue & 0xFF))
            }
        case .memoryInit(let d, let m):
            prefixed(8, &w)
            w.unsigned(d)
            w.unsigned(m)
        case .dataDrop(let d):
            prefixed(9, &w)
            w.unsigned(d)
        case .memoryCopy(let d, let s):
            prefixed(10, &w)
            w.unsigned(d)
            w.unsigned(s)
        case .memoryFill(let m):
            prefixed(11, &w)
            w.unsigned(m)
        case .tableInit(let e, let t):
            prefixed(12, &w)
            w.unsigned(e)
            w.unsigned(t)
        case .elemDrop(let e):
            prefixed(13, &w)
            w.unsigned(e)
        case .tableCopy(let d, let s):
            prefixed(14, &w)
            w.unsigned(d)
            w.unsigned(s)
        case .tableGrow(let t):
            prefixed(15, &w)
            w.unsigned(t)
        case .tableSize(let t):
            prefixed(16, &w)
            w.unsigned(t)
        case .tableFill(let t):
            prefixed(17, &w)
            w.unsigned(t)
        }
    }

    private static func prefixed(_ sub: UInt32, _ w: inout ByteWriter) {
        w.byte(0xFC)
        w.unsigned(sub)
    }
}
