/// One Wasm instruction with its immediates, as it appears in a function body.
///
/// A body is a flat `[Instruction]` in binary order: structured instructions (`block`, `loop`,
/// `if`) open a frame that a matching `end` closes (`else` splits an `if`), and the body's
/// last instruction is the `end` of the function's own frame. Validation checks the nesting.
public enum Instruction: Hashable, Sendable {
    // Control
    case unreachable
    case nop
    case block(BlockType)
    case loop(BlockType)
    case `if`(BlockType)
    case `else`
    case end
    case br(UInt32)
    case brIf(UInt32)
    case brTable([UInt32], default: UInt32)
    case `return`
    case call(UInt32)
    case callIndirect(type: UInt32, table: UInt32)
    // Parametric
    case drop
    case select
    case selectTyped([ValueType])
    // Variables
    case localGet(UInt32)
    case localSet(UInt32)
    case localTee(UInt32)
    case globalGet(UInt32)
    case globalSet(UInt32)
    // Tables
    case tableGet(UInt32)
    case tableSet(UInt32)
    case tableSize(UInt32)
    case tableGrow(UInt32)
    case tableFill(UInt32)
    case tableCopy(dst: UInt32, src: UInt32)
    case tableInit(elem: UInt32, table: UInt32)
    case elemDrop(UInt32)
    // Memory
    case load(LoadOp, MemArg)
    case store(StoreOp, MemArg)
    case memorySize(UInt32)
    case memoryGrow(UInt32)
    case memoryInit(data: UInt32, memory: UInt32)
    case dataDrop(UInt32)
    case memoryCopy(dst: UInt32, src: UInt32)
    case memoryFill(UInt32)
    // Constants (floats as bit patterns, so NaN payloads survive)
    case i32Const(Int32)
    case i64Const(Int64)
    case f32Const(UInt32)
    case f64Const(UInt64)
    // References
    case refNull(HeapType)
    case refIsNull
    case refFunc(UInt32)
    case refAsNonNull
    case brOnNull(UInt32)
    case brOnNonNull(UInt32)
    case callRef(UInt32)
    // Numeric instructions without immediates
    case numeric(NumericOp)
}

/// Memory loads; the raw value is the opcode.
public enum LoadOp: UInt8, CaseIterable, Hashable, Sendable {
    case i32Load = 0x28
    case i64Load, f32Load, f64Load
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U

    /// The type of the loaded value.
    public var type: ValueType {
        switch self {
        case .i32Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U: .i32
        case .i64Load, .i64Load8S, .i64Load8U, .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U: .i64
        case .f32Load: .f32
        case .f64Load: .f64
        }
    }

    /// Bytes read from memory.
    public var width: Int {
        switch self {
        case .i32Load8S, .i32Load8U, .i64Load8S, .i64Load8U: 1
        case .i32Load16S, .i32Load16U, .i64Load16S, .i64Load16U: 2
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U: 4
        case .i64Load, .f64Load: 8
        }
    }

    public var name: String {
        switch self {
        case .i32Load: "i32.load"
        case .i64Load: "i64.load"
        case .f32Load: "f32.load"
        case .f64Load: "f64.load"
        case .i32Load8S: "i32.load8_s"
        case .i32Load8U: "i32.load8_u"
        case .i32Load16S: "i32.load16_s"
        case .i32Load16U: "i32.load16_u"
        case .i64Load8S: "i64.load8_s"
        case .i64Load8U: "i64.load8_u"
        case .i64Load16S: "i64.load16_s"
        case .i64Load16U: "i64.load16_u"
        case .i64Load32S: "i64.load32_s"
        case .i64Load32U: "i64.load32_u"
        }
    }
}

/// Memory stores; the raw value is the opcode.
public enum StoreOp: UInt8, CaseIterable, Hashable, Sendable {
    case i32Store = 0x36
    case i64Store, f32Store, f64Store
    case i32Store8, i32Store16, i64Store8, i64Store16, i64Store32

    /// The type of the stored operand.
    public var type: ValueType {
        switch self {
        case .i32Store, .i32Store8, .i32Store16: .i32
        case .i64Store, .i64Store8, .i64Store16, .i64Store32: .i64
        case .f32Store: .f32
        case .f64Store: .f64
        }
    }

    /// Bytes written to memory.
    public var width: Int {
        switch self {
        case .i32Store8, .i64Store8: 1
        case .i32Store16, .i64Store16: 2
        case .i32Store, .f32Store, .i64Store32: 4
        case .i64Store, .f64Store: 8
        }
    }

    public var name: String {
        switch self {
        case .i32Store: "i32.store"
        case .i64Store: "i64.store"
        case .f32Store: "f32.store"
        case .f64Store: "f64.store"
        case .i32Store8: "i32.store8"
        case .i32Store16: "i32.store16"
        case .i64Store8: "i64.store8"
        case .i64Store16: "i64.store16"
        case .i64Store32: "i64.store32"
        }
    }
}
