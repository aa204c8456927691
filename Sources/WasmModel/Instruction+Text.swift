extension Instruction {
    /// The instruction's mnemonic in the text format (without immediates), e.g. `i32.load`.
    public var mnemonic: String {
        switch self {
        case .unreachable: "unreachable"
        case .nop: "nop"
        case .block: "block"
        case .loop: "loop"
        case .if: "if"
        case .else: "else"
        case .end: "end"
        case .br: "br"
        case .brIf: "br_if"
        case .brTable: "br_table"
        case .return: "return"
        case .call: "call"
        case .callIndirect: "call_indirect"
        case .drop: "drop"
        case .select, .selectTyped: "select"
        case .localGet: "local.get"
        case .localSet: "local.set"
        case .localTee: "local.tee"
        case .globalGet: "global.get"
        case .globalSet: "global.set"
        case .tableGet: "table.get"
        case .tableSet: "table.set"
        case .tableSize: "table.size"
        case .tableGrow: "table.grow"
        case .tableFill: "table.fill"
        case .tableCopy: "table.copy"
        case .tableInit: "table.init"
        case .elemDrop: "elem.drop"
        case .load(let op, _): op.name
        case .store(let op, _): op.name
        case .memorySize: "memory.size"
        case .memoryGrow: "memory.grow"
        case .memoryInit: "memory.init"
        case .dataDrop: "data.drop"
        case .memoryCopy: "memory.copy"
        case .memoryFill: "memory.fill"
        case .i32Const: "i32.const"
        case .i64Const: "i64.const"
        case .f32Const: "f32.const"
        case .f64Const: "f64.const"
        case .refNull: "ref.null"
        case .refIsNull: "ref.is_null"
        case .refFunc: "ref.func"
        case .refAsNonNull: "ref.as_non_null"
        case .brOnNull: "br_on_null"
        case .brOnNonNull: "br_on_non_null"
        case .callRef: "call_ref"
        case .numeric(let op): op.name
        }
    }
}

extension Instruction {
    /// The instruction as one line of WAT: its mnemonic and immediates (indices by number).
    public var text: String {
        func mem(_ a: MemArg) -> String { a.offset == 0 ? "" : " offset=\(a.offset)" }
        switch self {
        case .localGet(let x), .localSet(let x), .localTee(let x), .call(let x), .globalGet(let x),
            .globalSet(let x), .br(let x), .brIf(let x), .refFunc(let x), .memorySize(let x), .memoryGrow(let x):
            return "\(mnemonic) \(x)"
        case .brTable(let targets, let fallback):
            return "br_table " + (targets + [fallback]).map(String.init).joined(separator: " ")
        case .callIndirect(let type, let table): return "call_indirect \(table) (type \(type))"
        case .load(_, let a): return mnemonic + mem(a)
        case .store(_, let a): return mnemonic + mem(a)
        case .i32Const(let v): return "i32.const \(v)"
        case .i64Const(let v): return "i64.const \(v)"
        case .f32Const(let v): return "f32.const bits:0x\(String(v, radix: 16))"
        case .f64Const(let v): return "f64.const bits:0x\(String(v, radix: 16))"
        default: return mnemonic
        }
    }
}
