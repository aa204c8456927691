import EGraph
import WasmModel

/// A lifted function: its pure values live in an e-graph, and what must keep its place — the
/// effects (loads, stores, calls, globals, memory growth), the points where a value that may
/// trap is evaluated, and structured control flow — is an ordered tree of statements over
/// e-classes (the way Cranelift's aegraph keeps a side-effecting skeleton beside its e-graph).
///
/// Locals are gone: every `local.get` became the e-class of the value last written, and
/// every place where control flow merges different values of a local (the end of a `block`
/// or `if` reached by several edges, the head of a `loop`) defines a fresh *slot* leaf, the
/// way SSA defines a phi. Effects define leaves for their results.
///
/// Invariants (checked by `SkeletonVerifier`): every effect appears in `body` exactly once, in
/// execution order, unless a pass removed it (`removedEffects`, its results retired); every
/// effect, label, edge and leaf number indexes its array; a leaf is used only where its
/// definition dominates the use (a parameter anywhere, an effect's result after the effect in
/// the same region or a nested one, a slot after its label's merge point or inside its loop) —
/// in the weak form that every class read has some node tree over constants and defined,
/// unretired leaves; branches target the function or enclosing constructs, and each edge is
/// taken once (by a branch, a construct's end or a loop's entry); every edge state holds one
/// value per variable that existed when the edge's target label was entered (an edge leaving
/// an inlined body, or a `br_table`'s shared by labels entered at different depths, holds the
/// inner variables after those), then the values the edge carries on the stack. A construct a
/// pass removed (if-conversion) leaves its label, opened by no statement, with its slots
/// retired and its edges taken by none.
public struct Skeleton: Sendable {
    /// The body of the function: a region whose label is `labels[0]` (the function's own).
    public var body: [Statement] = []
    /// The edge that falls through the function's end (nil when the end is unreachable).
    public var exit: Int?
    public var labels: [SkeletonLabel] = []
    public var edges: [Edge] = []
    public var effects: [Effect] = []
    public var leaves: [Leaf] = []
    /// Leaves that no longer exist in the lowered code (a slot found to merge one value, a
    /// load forwarded from a store): their classes hold an equal value that is used instead.
    public var retired: Set<UInt32> = []
    /// Effects a pass took out of `body` (a forwarded load or `global.get`, a dead frame's
    /// stores and stack-pointer sets): they appear nowhere in it, and their results are retired.
    public var removedEffects: Set<Int> = []
    /// The function's parameter and result types.
    public var parameters: [ValueType] = []
    public var results: [ValueType] = []

    public init() {}
}

/// One statement of a region, in execution order.
public indirect enum Statement: Sendable {
    /// An effect (index into `Skeleton.effects`).
    case effect(Int)
    /// Evaluates a value that may trap (a division, a float truncation) at this point, so the
    /// trap happens exactly here. Once the value is shown not to trap it needs no place.
    case check(EClassId)
    /// A block: its body, then the edge that falls through its end (nil when the end is
    /// unreachable).
    case block(label: Int, body: [Statement], exit: Int?)
    /// A loop: the edge that enters it, its body, and what its end leaves on the stack.
    case loop(label: Int, entry: Int, body: [Statement])
    /// An if: its condition, both arms, and the edges that fall through each arm's end.
    case `if`(label: Int, condition: EClassId, then: [Statement], thenEnd: Int?, else: [Statement], elseEnd: Int?)
    /// `br` to a label with an edge state.
    case br(label: Int, edge: Int)
    /// `br_if`: taken when the condition is not zero.
    case brIf(label: Int, condition: EClassId, edge: Int)
    /// `br_table`: one edge state for every target.
    case brTable(labels: [Int], default: Int, index: EClassId, edge: Int)
    /// `unreachable`: traps.
    case unreachable
}

/// A branch target: a `block`, `loop`, `if`, an inlined call, or the function itself.
///
/// Invariant: `slots` name the values merged at the label; a loop's slots are decided when
/// the loop is entered (every variable its body writes), a block's when its end is reached
/// (every variable or stack value that differs between incoming edges).
public struct SkeletonLabel: Sendable {
    public enum Kind: Sendable {
        case function, block, loop, `if`
        /// A call replaced by its callee's body; `callee` is the function index.
        case inlined(callee: UInt32)
    }

    public var kind: Kind
    /// Types of the values a branch to this label carries on the stack (a loop's parameters,
    /// a block's results).
    public var stackTypes: [ValueType]
    /// Variables that existed when the label was entered.
    public var variableCount: Int
    /// Edges that target the label (branches and fallthroughs; a loop's entry, first), each once.
    public var edges: [Int] = []
    /// The merged values.
    public var slots: [Slot] = []
    /// For each stack value and each variable, the class it has after the merge (a block or
    /// if) or at the head (a loop); set when the merge is decided.
    public var merged: [EClassId] = []

    public init(kind: Kind, stackTypes: [ValueType], variableCount: Int) {
        self.kind = kind
        self.stackTypes = stackTypes
        self.variableCount = variableCount
    }
}

/// A value merged at a label: where it comes from in each edge state, and its leaf.
public struct Slot: Sendable {
    public enum Source: Hashable, Sendable {
        case stack(Int)
        case variable(Int)
    }

    public var source: Source
    public var type: ScalarType
    public var leaf: UInt32

    public init(source: Source, type: ScalarType, leaf: UInt32) {
        self.source = source
        self.type = type
        self.leaf = leaf
    }
}

/// The values live along one control-flow edge: every variable (at least those of the target
/// label, the ones a merge reads), then the stack values the branch carries.
public struct Edge: Sendable {
    public var variables: [EClassId]
    public var stack: [EClassId]

    public init(variables: [EClassId], stack: [EClassId]) {
        self.variables = variables
        self.stack = stack
    }

    public func value(_ source: Slot.Source) -> EClassId {
        switch source {
        case .stack(let i): stack[i]
        case .variable(let v): variables[v]
        }
    }
}

/// An instruction with effects, with its operands as e-classes and the leaves of its results.
public struct Effect: Sendable {
    public var instruction: Instruction
    public var operands: [EClassId]
    public var results: [UInt32]

    public init(instruction: Instruction, operands: [EClassId], results: [UInt32]) {
        self.instruction = instruction
        self.operands = operands
        self.results = results
    }
}

/// Where a leaf's value comes from.
public struct Leaf: Sendable {
    public enum Source: Hashable, Sendable {
        case parameter(Int)
        case slot(label: Int, index: Int)
        case result(effect: Int, index: Int)
    }

    public var source: Source
    public var type: ScalarType
    /// Its class in the e-graph.
    public var eclass: EClassId

    public init(source: Source, type: ScalarType, eclass: EClassId) {
        self.source = source
        self.type = type
        self.eclass = eclass
    }
}

extension Skeleton {
    /// The effects in `body` and the regions nested in it, in order.
    public static func effects(in body: [Statement]) -> [Int] {
        body.flatMap { statement -> [Int] in
            switch statement {
            case .effect(let i): return [i]
            case .block(_, let inner, _), .loop(_, _, let inner): return effects(in: inner)
            case .if(_, _, let a, _, let b, _): return effects(in: a) + effects(in: b)
            default: return []
            }
        }
    }

    /// Whether an effect may run code other than the function's (which may change globals,
    /// the stack pointer included).
    public static func mayRunCode(_ instruction: Instruction) -> Bool {
        switch instruction {
        case .call, .callIndirect, .callRef: true
        default: false
        }
    }
}
