import WasmModel
import WasmParser
import WasmTypes

/// Converts WasmParser's types into the model's, rejecting what the model does not cover
/// (GC heap types, exception references) with a message for the user.
enum TypeMapping {
    struct Unsupported: Error {
        var message: String
        /// Where it is, when more precise than the section.
        var offset: Int?
        /// The function (by index, imports first) whose body it is in, if in one.
        var function: UInt32?

        init(message: String, offset: Int? = nil) {
            self.message = message
            self.offset = offset
        }
    }

    static func value(_ t: WasmTypes.ValueType) throws(Unsupported) -> WasmModel.ValueType {
        switch t {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        case .ref(let r): .ref(try ref(r))
        }
    }

    static func ref(_ r: WasmTypes.ReferenceType) throws(Unsupported) -> RefType {
        RefType(nullable: r.isNullable, heap: try heap(r.heapType))
    }

    static func heap(_ h: WasmTypes.HeapType) throws(Unsupported) -> WasmModel.HeapType {
        switch h {
        case .abstract(.funcRef): return .func
        case .abstract(.externRef): return .extern
        case .concrete(let index): return .concrete(index)
        case .abstract(let other):
            throw Unsupported(
                message: "unsupported heap type \(other) (GC and exceptions are not supported)")
        }
    }

    static func limits(_ l: WasmParser.Limits) throws(Unsupported) -> WasmModel.Limits {
        if l.shared { throw Unsupported(message: "shared memories (threads) are not supported") }
        return WasmModel.Limits(min: l.min, max: l.max, is64: l.isMemory64)
    }

    static func table(_ t: WasmParser.TableType) throws(Unsupported) -> WasmModel.TableType {
        WasmModel.TableType(element: try ref(t.elementType), limits: try limits(t.limits))
    }

    static func global(_ g: WasmParser.GlobalType) throws(Unsupported) -> WasmModel.GlobalType {
        WasmModel.GlobalType(type: try value(g.valueType), mutable: g.mutability == .variable)
    }

    static func block(_ b: WasmParser.BlockType) throws(Unsupported) -> WasmModel.BlockType {
        switch b {
        case .empty: .empty
        case .type(let t): .value(try value(t))
        case .funcType(let i): .index(i)
        }
    }

    static func memArg(_ m: WasmParser.MemArg) -> WasmModel.MemArg {
        WasmModel.MemArg(align: m.align, offset: m.offset, memory: m.memory)
    }

    /// One instruction; `nil` when the model has no such instruction.
    static func instruction(_ i: WasmParser.Instruction) throws(Unsupported) -> WasmModel.Instruction? {
        switch i {
        case .unreachable: return .unreachable
        case .nop: return .nop
        case .block(let bt): return .block(try block(bt))
        case .loop(let bt): return .loop(try block(bt))
        case .if(let bt): return .if(try block(bt))
        case .else: return .else
        case .end: return .end
        case .br(let d): return .br(d)
        case .brIf(let d): return .brIf(d)
        case .brTable(let t): return .brTable(t.labelIndices, default: t.defaultIndex)
        case .return: return .return
        case .call(let f): return .call(f)
        case .callIndirect(let t, let table): return .callIndirect(type: t, table: table)
        case .callRef(let t): return .callRef(t)
        case .drop: return .drop
        case .select: return .select
        case .typedSelect(let t): return .selectTyped([try value(t)])
        case .localGet(let i): return .localGet(i)
        case .localSet(let i): return .localSet(i)
        case .localTee(let i): return .localTee(i)
        case .globalGet(let i): return .globalGet(i)
        case .globalSet(let i): return .globalSet(i)
        case .load(let op, let m):
            guard let l = load(op) else { return nil }
            return .load(l, memArg(m))
        case .store(let op, let m):
            guard let s = store(op) else { return nil }
            return .store(s, memArg(m))
        case .memorySize(let m): return .memorySize(m)
        case .memoryGrow(let m): return .memoryGrow(m)
        case .i32Const(let v): return .i32Const(v)
        case .i64Const(let v): return .i64Const(v)
        case .f32Const(let v): return .f32Const(v.bitPattern)
        case .f64Const(let v): return .f64Const(v.bitPattern)
        case .refNull(let h): return .refNull(try heap(h))
        case .refIsNull: return .refIsNull
        case .refFunc(let f): return .refFunc(f)
        case .refAsNonNull: return .refAsNonNull
        case .brOnNull(let d): return .brOnNull(d)
        case .brOnNonNull(let d): return .brOnNonNull(d)
        case .i32Eqz: return .numeric(.i32Eqz)
        case .i64Eqz: return .numeric(.i64Eqz)
        case .cmp(let op): return NumericOp(op).map { .numeric($0) }
        case .unary(let op): return NumericOp(op).map { .numeric($0) }
        case .binary(let op): return NumericOp(op).map { .numeric($0) }
        case .conversion(let op): return NumericOp(op).map { .numeric($0) }
        case .memoryInit(let d, let m): return .memoryInit(data: d, memory: m)
        case .dataDrop(let d): return .dataDrop(d)
        case .memoryCopy(let d, let s): return .memoryCopy(dst: d, src: s)
        case .memoryFill(let m): return .memoryFill(m)
        case .tableInit(let e, let t): return .tableInit(elem: e, table: t)
        case .elemDrop(let e): return .elemDrop(e)
        case .tableCopy(let d, let s): return .tableCopy(dst: d, src: s)
        case .tableFill(let t): return .tableFill(t)
        case .tableGet(let t): return .tableGet(t)
        case .tableSet(let t): return .tableSet(t)
        case .tableGrow(let t): return .tableGrow(t)
        case .tableSize(let t): return .tableSize(t)
        default: return nil
        }
    }

    static func load(_ op: WasmParser.Instruction.Load) -> LoadOp? {
        switch op {
        case .i32Load: .i32Load
        case .i64Load: .i64Load
        case .f32Load: .f32Load
        case .f64Load: .f64Load
        case .i32Load8S: .i32Load8S
        case .i32Load8U: .i32Load8U
        case .i32Load16S: .i32Load16S
        case .i32Load16U: .i32Load16U
        case .i64Load8S: .i64Load8S
        case .i64Load8U: .i64Load8U
        case .i64Load16S: .i64Load16S
        case .i64Load16U: .i64Load16U
        case .i64Load32S: .i64Load32S
        case .i64Load32U: .i64Load32U
        default: nil
        }
    }

    static func store(_ op: WasmParser.Instruction.Store) -> StoreOp? {
        switch op {
        case .i32Store: .i32Store
        case .i64Store: .i64Store
        case .f32Store: .f32Store
        case .f64Store: .f64Store
        case .i32Store8: .i32Store8
        case .i32Store16: .i32Store16
        case .i64Store8: .i64Store8
        case .i64Store16: .i64Store16
        case .i64Store32: .i64Store32
        default: nil
        }
    }
}
