import Thumb

/// A register before allocation. Numbers 0–15 are the machine's own registers (r0–r12, sp,
/// lr, pc), fixed where the AAPCS demands one (arguments, results, calls); every number from
/// 16 on is a virtual register the allocator assigns.
public struct VReg: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var id: Int

    public init(_ id: Int) { self.id = id }
    public init(_ r: Register) { id = Int(r.rawValue) }

    public static let first = 16
    public var isVirtual: Bool { id >= Self.first }
    public var physical: Register? { isVirtual ? nil : Register(rawValue: UInt8(id)) }
    public static func < (a: VReg, b: VReg) -> Bool { a.id < b.id }
    public var description: String { physical?.description ?? "v\(id)" }

    public static let sp = VReg(.sp)
}

/// What one machine-code instruction before allocation does.
public enum MachineOp: Hashable, Sendable {
    /// A Thumb-2 instruction whose register `k` (r0, r1, ...) stands for `regs[k]`; its
    /// reads and writes are the instruction's own.
    case instruction(ThumbInstruction)
    /// As `instruction`, but the `s` bit is free: the emitter picks the shorter encoding.
    case flexible(ThumbInstruction)
    /// `regs[0] = regs[1]` (a `mov` unless both get the same register).
    case copy
    /// `regs[0] = cond ? 1 : 0` after the flags are set (`ite`, two moves).
    case setIf(Condition)
    /// `if cond { regs[0] = regs[1] }` (`it`, `mov`).
    case moveIf(Condition)
    /// `if cond { regs[0] = value }` (`it`, `mov`).
    case moveImmediateIf(Condition, UInt32)
    /// `if cond { instruction }` (`it`, the instruction, which sets no flags): a select's arm
    /// computed only when it is picked. The instruction reads no flags and writes `regs[0]`.
    case conditional(Condition, ThumbInstruction)
    case label(Label)
    case branch(Condition, Label)
    /// `cbz`/`cbnz regs[0]` to a label.
    case compareBranch(nonzero: Bool, Label)
    /// `regs[0] = value` from the literal pool.
    case constant(UInt32)
    /// `regs[0] = address of symbol + addend` (modulo 2^32) from the literal pool (an
    /// `R_ARM_ABS32`; the pool word holds the addend).
    case symbol(String, addend: UInt32 = 0)
    /// `bl symbol`; reads the argument registers in `regs`, clobbers the caller-saved ones.
    case call(String)
    /// `blx regs[0]`; reads the argument registers in `regs[1...]`.
    case callIndirect
    /// `tbb`/`tbh` on `regs[0]`.
    case switchTable([Label])
    /// Returns; reads the result registers in `regs`.
    case ret
    /// As `instruction`, an access or address relative to sp whose offset counts from the start
    /// of the function's Wasm frame area (`NativeFrame`); the emitter adds where the area lies.
    case frame(ThumbInstruction)
    /// `regs[0] = ` / `= regs[0]`: a spill slot of the frame (word `slot`).
    case reload(slot: Int)
    case spill(slot: Int)
    /// `regs[0] = sp + offset of the outgoing argument word`, written by a store.
    case storeArgument(word: Int)
    /// `regs[0] =` the caller's stack argument word `word` (above the frame).
    case loadArgument(word: Int)
}

/// One instruction of machine code before register allocation.
///
/// Invariant: `defs` and `uses` list every register the instruction writes and reads,
/// physical ones included (a call defines the registers it clobbers).
public struct MachineInstruction: Hashable, Sendable, CustomStringConvertible {
    public var op: MachineOp
    public var regs: [VReg]
    public var defs: [VReg]
    public var uses: [VReg]

    public init(_ op: MachineOp, regs: [VReg] = [], defs: [VReg], uses: [VReg]) {
        self.op = op
        self.regs = regs
        self.defs = defs
        self.uses = uses
    }

    /// An instruction over slot registers r0, r1, ... standing for `regs`.
    public static func instruction(_ template: ThumbInstruction, _ regs: [VReg]) -> MachineInstruction {
        let r = template.registers
        func v(_ x: Register) -> VReg? { Int(x.rawValue) < regs.count ? regs[Int(x.rawValue)] : nil }
        return MachineInstruction(
            .instruction(template), regs: regs,
            defs: r.writes.compactMap(v).filter { $0 != .sp }, uses: r.reads.compactMap(v).filter { $0 != .sp })
    }

    /// `instruction` as a `frame` access (its sp offset counted from the Wasm frame area).
    public static func frame(_ template: ThumbInstruction, _ regs: [VReg]) -> MachineInstruction {
        var i = instruction(template, regs)
        i.op = .frame(template)
        return i
    }

    /// `instruction` whose flags are free: the emitter may pick its flag-setting 16-bit form.
    public static func flexible(_ template: ThumbInstruction, _ regs: [VReg]) -> MachineInstruction {
        var i = instruction(template, regs)
        i.op = .flexible(template)
        return i
    }

    public static func copy(_ to: VReg, _ from: VReg) -> MachineInstruction {
        MachineInstruction(.copy, regs: [to, from], defs: [to], uses: [from])
    }

    public var isCopy: Bool { if case .copy = op { true } else { false } }

    /// Whether the flags may differ after it (conservatively: a flexible instruction may be
    /// given its flag-setting 16-bit form; control flow leaves them to the next block).
    public var mayWriteFlags: Bool {
        switch op {
        case .instruction(let t), .frame(let t): t.mayWriteFlags
        // A compare-and-branch is `cbz`/`cbnz` only on a low register with a near forward
        // target; otherwise layout writes `cmp rN, #0` and a conditional branch.
        case .copy, .constant, .symbol, .setIf, .moveIf, .moveImmediateIf, .conditional, .branch, .reload, .spill,
            .storeArgument, .loadArgument:
            false
        default: true
        }
    }

    public var description: String {
        switch op {
        case .instruction(let i):
            let text = Assembly.text(
                i.mapRegisters { r in Int(r.rawValue) < regs.count ? (regs[Int(r.rawValue)].physical ?? .pc) : r })
            return regs.contains(where: \.isVirtual) ? "\(text)  ; \(regs)" : text
        default: return "\(op) \(regs)"
        }
    }
}

/// The caller-saved registers a call may change (AAPCS): r0–r3, r12 and lr.
let callClobbers: [VReg] = [.r0, .r1, .r2, .r3, .r12, .lr].map { VReg($0) }

/// One function's machine code before allocation.
public struct MachineFunction: Hashable, Sendable {
    public var name: String
    public var code: [MachineInstruction] = []
    public var nextVirtual = VReg.first
    /// Words the function's callees take on the stack (the outgoing argument area).
    public var outgoingWords = 0
    /// Bytes of the Wasm shadow-stack frame kept on the native stack (`NativeFrame`), above the
    /// spill slots; 0 when there is none. A multiple of 8.
    public var frameBytes = 0
    /// Labels the function's trap (`udf`) answers to.
    public var trapLabel: Label?

    public init(name: String) { self.name = name }

    public mutating func fresh() -> VReg {
        defer { nextVirtual += 1 }
        return VReg(nextVirtual)
    }
}
