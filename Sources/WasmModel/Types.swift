/// A Wasm value type: a number, a vector, or a reference.
///
/// Invariant: a `ref` carries a heap type that is either abstract (`func`, `extern`) or a
/// type index into the module's type section; the index is checked by validation, not here.
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case i32
    case i64
    case f32
    case f64
    case v128
    case ref(RefType)

    public static let funcref = ValueType.ref(.funcref)
    public static let externref = ValueType.ref(.externref)

    public var isNumeric: Bool {
        switch self {
        case .i32, .i64, .f32, .f64: true
        case .v128, .ref: false
        }
    }

    public var isReference: Bool {
        if case .ref = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let r): r.description
        }
    }
}

/// The heap a reference points into.
public enum HeapType: Hashable, Sendable, CustomStringConvertible {
    case `func`
    case extern
    /// A function type defined at this index of the type section.
    case concrete(UInt32)

    public var description: String {
        switch self {
        case .func: "func"
        case .extern: "extern"
        case .concrete(let i): "\(i)"
        }
    }
}

/// A reference type: a heap type and whether `null` inhabits it.
public struct RefType: Hashable, Sendable, CustomStringConvertible {
    public var nullable: Bool
    public var heap: HeapType

    public init(nullable: Bool, heap: HeapType) {
        self.nullable = nullable
        self.heap = heap
    }

    public static let funcref = RefType(nullable: true, heap: .func)
    public static let externref = RefType(nullable: true, heap: .extern)

    public var description: String {
        switch (nullable, heap) {
        case (true, .func): "funcref"
        case (true, .extern): "externref"
        case (true, _): "(ref null \(heap))"
        case (false, _): "(ref \(heap))"
        }
    }
}

/// A function signature. Multi-value: any number of results.
public struct FuncType: Hashable, Sendable, CustomStringConvertible {
    public var params: [ValueType]
    public var results: [ValueType]

    public init(params: [ValueType] = [], results: [ValueType] = []) {
        self.params = params
        self.results = results
    }

    public var description: String {
        "[\(params.map(\.description).joined(separator: " "))] -> [\(results.map(\.description).joined(separator: " "))]"
    }
}

/// Size limits of a memory (in 64 KiB pages) or a table (in elements).
public struct Limits: Hashable, Sendable {
    public var min: UInt64
    public var max: UInt64?
    /// Memory64 (index type i64): decoded so that such a module is rejected cleanly.
    public var is64: Bool

    public init(min: UInt64, max: UInt64? = nil, is64: Bool = false) {
        self.min = min
        self.max = max
        self.is64 = is64
    }
}

public struct TableType: Hashable, Sendable {
    public var element: RefType
    public var limits: Limits

    public init(element: RefType, limits: Limits) {
        self.element = element
        self.limits = limits
    }
}

public struct GlobalType: Hashable, Sendable {
    public var type: ValueType
    public var mutable: Bool

    public init(type: ValueType, mutable: Bool) {
        self.type = type
        self.mutable = mutable
    }
}

/// The type of a `block`, `loop` or `if`: nothing, one result, or a type-section index
/// (which allows parameters and several results).
public enum BlockType: Hashable, Sendable {
    case empty
    case value(ValueType)
    case index(UInt32)
}

/// The immediate of a memory access. `align` is the log2 of the alignment hint; the
/// effective address is `zext(base) + offset`, computed without wrapping.
public struct MemArg: Hashable, Sendable {
    public var align: UInt32
    public var offset: UInt64
    public var memory: UInt32

    public init(align: UInt32, offset: UInt64, memory: UInt32 = 0) {
        self.align = align
        self.offset = offset
        self.memory = memory
    }
}
