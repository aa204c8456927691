import Lower
import Thumb
import WasmModel

/// A function's shadow-stack frame moved to the native stack (`--assume-dead-stack`, in the
/// models whose accesses are not checked: `identity`, `base`, `linked`).
///
/// LLVM's Wasm code keeps a function's addressable locals in linear memory, below the stack
/// pointer global: `global.get sp; i32.const N; i32.sub; global.set sp` on entry, the frame's
/// address in a local, the old value set back before returning. Native code keeps them in
/// its own frame, reached as `[sp, #o]`. Here the frame's N bytes become an area of the
/// native frame (above the spill slots, 8-byte aligned) and the stack pointer global is not
/// touched: every value derived from it, `top + c` (`Tree.frame`), is the Wasm address whose
/// machine address is the area's byte `N + c` — `sp + area + N + c - weft_memory` (no
/// `weft_memory` under `identity`), a value modulo 2^32 as Wasm's are. An access through it
/// is `[sp, #…]`; a callee given it reaches the same bytes through `weft_memory + a`.
///
/// What this assumes is `--assume-dead-stack`'s convention (a frame is reached only through
/// addresses computed from the stack pointer that allocated it; memory below the stack
/// pointer belongs to no one), read strictly: an address computed from a frame's stays in
/// that frame, and no code orders a frame address against an address of linear memory (C
/// leaves both undefined). Under `checked` and `mpu` a frame address would
/// fail the check, so those models keep the shadow stack.
///
/// Invariant: a function uses a native frame only when its first touch of the stack pointer
/// is `global.get`, in the function's top-level code before any control, call or memory
/// access, followed there by `global.set` of `top - N` (N > 0); every other `global.set` of
/// the stack pointer restores `top`; no other `global.get` reads it. When the code turns out
/// otherwise, the compilation is abandoned and the function compiled again with the shadow
/// stack (`FunctionCompiler.compile`).
struct NativeFrame {
    /// The stack pointer global's index.
    let stackPointer: Int
    /// Locals written only in the function's top-level code (inside no block, loop or if): a
    /// frame address written to one is known wherever it is read, up to the local's next write.
    let topLevelWritten: Set<Int>
    /// Where the frame is: not yet read, read (its size still unknown), or placed (`size`).
    var state = State.waiting
    /// Locals holding a frame address (`top + c`), by local index.
    var locals: [Int: Int] = [:]
    /// Whether the frame's words are held in registers (`FunctionCompiler.frameWord`): tried
    /// first; any other use of the frame gives it up (`wordsAbandoned`) and the function is
    /// compiled again with the frame in memory.
    var promotesWords = false
    /// The register holding each promoted word, by its offset from the frame's top (`top + c`).
    var words: [Int: VReg] = [:]
    /// Set when the code did not follow the pattern: the compilation is thrown away.
    var abandoned = false
    /// Set when the frame was used other than as words while they were promoted.
    var wordsAbandoned = false
    /// Still in the top-level code before any control, call or memory access.
    var prologue = true

    enum State: Equatable {
        case waiting, read
        case placed(size: Int)
    }

    /// The largest frame moved (native stacks are small; a larger one keeps the shadow stack).
    static let largest = 2048

    /// The locals of `body` (a function's instructions in evaluation order, constructs
    /// included) written only at its top level.
    static func topLevelWritten(_ body: [Code]) -> Set<Int> {
        var instructions: [WasmModel.Instruction] = []
        Code.visit(body) { (i: WasmModel.Instruction) in instructions.append(i) }
        return topLevelWritten(instructions)
    }

    static func topLevelWritten(_ body: [WasmModel.Instruction]) -> Set<Int> {
        var depth = 0
        var top = Set<Int>()
        var inner = Set<Int>()
        for i in body {
            switch i {
            case .block, .loop, .if: depth += 1
            case .end: depth -= 1
            case .localSet(let k), .localTee(let k):
                if depth == 0 { top.insert(Int(k)) } else { inner.insert(Int(k)) }
            default: break
            }
        }
        return top.subtracting(inner)
    }
}

extension FunctionCompiler {
    /// Why a compilation with a native frame was thrown away.
    static let abandonedFrame = "native frame abandoned"

    /// Gives up the native frame: the function is compiled again with the shadow stack.
    mutating func abandonFrame() -> CompileError {
        nativeFrame?.abandoned = true
        return fail(Self.abandonedFrame)
    }

    /// Gives up holding the frame's words in registers: compiled again with them in memory.
    mutating func abandonWords() -> CompileError {
        nativeFrame?.wordsAbandoned = true
        return abandonFrame()
    }

    /// The register standing for the frame's word at `address + offset` when the frame's words
    /// are promoted and the access is a whole i32 word of it (4-aligned from the top, inside
    /// the frame): loads read it and stores write it as a local's register, the frame never
    /// reached through memory. Nil when words are not promoted or the address is no frame
    /// address; any other access of the frame gives the promotion up.
    mutating func frameWord(_ address: Tree, offset: UInt64, width: Int, type: ValueType) throws(CompileError)
        -> VReg?
    {
        guard let frame = nativeFrame, frame.promotesWords, case .frame(let c) = address else { return nil }
        let size = try placedFrame()
        let k = c + Int(offset)
        guard width == 4, type == .i32, k % 4 == 0, k >= -size, k + 4 <= 0 else { throw abandonWords() }
        if let r = frame.words[k] { return r }
        let r = f.fresh()
        nativeFrame?.words[k] = r
        return r
    }

    /// Bytes of the frame once placed; abandons when a frame address is used before.
    mutating func placedFrame() throws(CompileError) -> Int {
        guard case .placed(let size) = nativeFrame?.state else { throw abandonFrame() }
        return size
    }

    /// The instructions that end the prologue (what may run before the frame is placed).
    static func keepsPrologue(_ i: WasmModel.Instruction) -> Bool {
        switch i {
        case .nop, .i32Const, .i64Const, .localGet, .localSet, .localTee, .globalGet, .globalSet, .numeric, .drop:
            true
        default: false
        }
    }

    /// `global.get` of the stack pointer under a native frame: the frame's top, once, in the
    /// prologue. False when the instruction is not the frame's (nothing done).
    mutating func frameGlobalGet(_ g: Int) throws(CompileError) -> Bool {
        guard var frame = nativeFrame, g == frame.stackPointer else { return false }
        switch frame.state {
        case .waiting where frame.prologue:
            frame.state = .read
            nativeFrame = frame
            stack.append(.frame(0))
            return true
        case .waiting:
            // The stack pointer is first read past the prologue: no native frame.
            nativeFrame = nil
            return false
        case .read, .placed: throw abandonFrame()
        }
    }

    /// `global.set` of the stack pointer under a native frame: the prologue's `top - N`
    /// places the frame; a restore of `top` does nothing. False when not the frame's.
    mutating func frameGlobalSet(_ g: Int) throws(CompileError) -> Bool {
        guard let frame = nativeFrame, g == frame.stackPointer else { return false }
        switch frame.state {
        case .waiting:
            nativeFrame = nil
            return false
        case .read:
            guard frame.prologue, case .frame(let c) = try pop(), c < 0, -c <= NativeFrame.largest else {
                throw abandonFrame()
            }
            let size = (-c + 7) & ~7
            nativeFrame?.state = .placed(size: size)
            // Promoted words take no frame memory: any other use gives the promotion up.
            f.frameBytes = frame.promotesWords ? 0 : size
            return true
        case .placed:
            guard case .frame(0) = try pop() else { throw abandonFrame() }
            return true
        }
    }

    /// `local.set`/`local.tee` of a frame address, at the top level, to a local written only
    /// there: the local is the address up to its next write, in no register. False otherwise
    /// (and the local holds no frame address from here on).
    mutating func frameLocalSet(_ k: Int, tee: Bool) -> Bool {
        nativeFrame?.locals[k] = nil
        guard let frame = nativeFrame, frames.count == 1, frame.topLevelWritten.contains(k),
            case .frame(let c)? = stack.last
        else { return false }
        addressLocalValues[k] = nil
        nativeFrame?.locals[k] = c
        if !tee { stack.removeLast() }
        return true
    }

    /// `top + c ± k` folded into one frame address (for `i32.add` / `i32.sub` of a constant).
    static func foldedFrame(_ op: NumericOp, _ kids: [Tree]) -> Tree? {
        func signed(_ v: UInt64) -> Int { Int(Int32(bitPattern: UInt32(truncatingIfNeeded: v))) }
        switch (op, kids.first, kids.last) {
        case (.i32Add, .frame(let c)?, .constant(_, let k)?), (.i32Add, .constant(_, let k)?, .frame(let c)?):
            return .frame(c + signed(k))
        case (.i32Sub, .frame(let c)?, .constant(_, let k)?):
            return .frame(c - signed(k))
        default: return nil
        }
    }

    /// A register holding the machine address of the frame's byte `top + c`.
    mutating func frameMachineAddress(_ c: Int) throws(CompileError) -> VReg {
        if nativeFrame?.promotesWords == true { throw abandonWords() }
        let size = try placedFrame()
        let byte = size + c
        guard byte >= 0 else { throw abandonFrame() }
        let r = f.fresh()
        emit(.frame(.data(.add, s: false, rd: .r0, rn: .sp, .immediate(UInt32(byte))), [r]))
        return r
    }

    /// `d = top + c` as a Wasm address: the machine address less `weft_memory`.
    mutating func computeFrameAddress(_ c: Int, into d: VReg) throws(CompileError) {
        if let v = frameValues[c] {
            emit(.copy(d, v))
            return
        }
        let machine = try frameMachineAddress(c)
        guard context.memory.addsBase else {
            emit(.copy(d, machine))
            return
        }
        let base = memoryBase ?? symbolAddress(CompileContext.memorySymbol)
        let sub = ThumbInstruction.data(.sub, s: false, rd: .r0, rn: .r1, .reg(.r2))
        let v = f.fresh()
        emit(.flexible(sub, [v, machine, base]))
        emit(.copy(d, v))
        frameValues[c] = v
        // An access through `d` in this block reaches the frame as `machine`, with no sum.
        physicalAddresses[d] = machine
    }

    /// The frame address (`top + c`, as `c`) and the other operand of a sum of two, when one
    /// of them is a frame address.
    static func frameSum(_ kids: [Tree]) -> (Int, Tree)? {
        guard kids.count == 2 else { return nil }
        if case .frame(let c) = kids[0] { return (c, kids[1]) }
        if case .frame(let c) = kids[1] { return (c, kids[0]) }
        return nil
    }

    /// A register holding the machine address of frame address `t` (`top + c`), nil when
    /// `t` is not one: what a native pointer or a physical argument holds instead of the
    /// Wasm address less and plus `weft_memory`.
    mutating func frameMachineValue(_ t: Tree) throws(CompileError) -> VReg? {
        guard nativeFrame != nil, case .frame(let c) = t else { return nil }
        return try frameMachineAddress(c)
    }

    /// The access of `width` bytes at `tree + offset` when `tree` is a frame address (or one
    /// plus a register): `[sp, #…]` inside the area, `[t, r]` from the area's machine address;
    /// nil otherwise.
    mutating func frameAccess(_ tree: Tree, offset: UInt64, width: Int) throws(CompileError) -> Access? {
        guard let frame = nativeFrame else { return nil }
        if frame.promotesWords, case .frame = tree { throw abandonWords() }
        switch tree {
        case .frame(let c):
            let size = try placedFrame()
            let byte = size + c + Int(offset)
            // Outside the area: not this frame's bytes (the convention forbids it).
            guard byte >= 0, byte + width <= size else { throw abandonFrame() }
            return .frame(Int32(byte))
        case .op(.i32Add, let kids) where width <= 4 && offset <= 4095:
            guard let (c, other) = Self.frameSum(kids) else { return nil }
            let t = try frameMachineAddress(c + Int(offset))
            return .register(t, try value(other)[0], shift: 0)
        default: return nil
        }
    }
}
