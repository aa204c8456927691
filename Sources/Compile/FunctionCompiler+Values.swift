import Rules
import Thumb
import WasmModel

/// Values: a tree computed into registers (constants and symbol addresses shared in a
/// block), and `select` lowered with `it` blocks: an arm moved in under the condition, or
/// computed predicated when its tile is one instruction.
extension FunctionCompiler {
    /// Computes `tree` into fresh registers (or returns the registers it already is in).
    mutating func value(_ tree: Tree) throws(CompileError) -> [VReg] {
        if case .registers(let r, _) = tree { return r }
        if case .constant(.i32, let v) = tree {
            if let r = constants[v] { return [r] }
            let d = f.fresh()
            try compute(tree, into: [d])
            constants[v] = d
            return [d]
        }
        if case .constant(.i64, let v) = tree {
            // Two i32 halves, shared like any constant (0 is one register for both).
            return try value(.constant(.i32, v & 0xFFFF_FFFF)) + value(.constant(.i32, v >> 32))
        }
        let d = fresh(tree.type)
        try compute(tree, into: d)
        return d
    }

    /// Computes `tree` into `d`.
    mutating func compute(_ tree: Tree, into d: [VReg]) throws(CompileError) {
        // What holds of the value (read before d is written: the tree may read d).
        let known = facts.facts(of: tree)
        try computeValue(tree, into: d)
        if let known { facts.wrote(d, known) }
    }

    mutating func computeValue(_ tree: Tree, into d: [VReg]) throws(CompileError) {
        if case .select(_, let a, let b, let c) = tree, !a.isOrdered, !b.isOrdered, !c.isOrdered,
            let pick = facts.decide(c)
        {
            // What is known of the condition's operands decides it.
            return try compute(pick ? a : b, into: d)
        }
        if d.count == 1, !tree.isOrdered, let clamp = Saturation.match(tree, facts: { facts.facts(of: $0) }) {
            // A clamp to a saturation's range: one ssat/usat, shifting its source right
            // arithmetically first when that is what the source does (`ssat r, #16, x, asr #1`).
            var source = clamp.source
            var asr: UInt8 = 0
            if case .op(.i32ShrS, let kids) = source, case .constant(_, let k) = kids[1], (1...31).contains(k & 31) {
                (source, asr) = (kids[0], UInt8(k & 31))
            }
            let r = try value(source)[0]
            emit(
                .instruction(.saturate(signed: clamp.signed, rd: .r0, rn: .r1, bits: clamp.bits, asr: asr), [d[0], r]))
            return
        }
        if d.count == 1, case .select(_, let a, let b, let c) = tree {
            // d already holds one arm: move the other in under the condition that picks it.
            var other: Tree?
            var picksOther = false
            if case .registers(let r, _) = a, r == d {
                other = b
            } else if case .registers(let r, _) = b, r == d {
                other = a
                picksOther = true
            }
            if let other, try movePredicated(other, into: d[0], picking: picksOther, on: c) { return }
            if other == nil, !tree.reads(Set(d)), let (first, second, picking) = try predicableArm(a, b) {
                // d = the other arm, then the predicable one under the condition.
                let r = try value(second)[0]
                emit(.copy(d[0], r))
                if try movePredicated(first, into: d[0], picking: picking, on: c) { return }
                let x = try value(first)[0]
                let cond = try flags(c)
                emit(
                    MachineInstruction(
                        .moveIf(picking ? cond : cond.inverse), regs: [d[0], x], defs: d, uses: [d[0], x]))
                return
            }
            if let other {
                var immediate: UInt32?
                var source: VReg?
                if case .constant(_, let v) = other, v <= 255 {
                    immediate = UInt32(v)
                } else {
                    source = try value(other)[0]
                }
                let cond = try flags(c)
                let when = picksOther ? cond : cond.inverse
                if let immediate {
                    emit(MachineInstruction(.moveImmediateIf(when, immediate), regs: d, defs: d, uses: d))
                } else if let source {
                    emit(MachineInstruction(.moveIf(when), regs: [d[0], source], defs: d, uses: [d[0], source]))
                }
                return
            }
        }
        if tree.reads(Set(d)) {
            // A multi-instruction tile may write part of d before it reads the rest.
            if case .registers(let r, _) = tree {
                for (x, y) in zip(d, r) where x != y { emit(.copy(x, y)) }
                return
            }
            let t = try value(tree)
            for (x, y) in zip(d, t) { emit(.copy(x, y)) }
            return
        }
        switch tree {
        case .registers(let r, _):
            for (x, y) in zip(d, r) where x != y { emit(.copy(x, y)) }
            return
        case .load(let op, let offset, let address):
            try load(op, offset: offset, address: address, into: d)
            return
        case .frame(let c):
            try computeFrameAddress(c, into: d[0])
            return
        case .op(.i32Add, let kids) where nativeFrame != nil && d.count == 1:
            // A frame address plus a value (a frame array's element, say): its machine address
            // `sp + k + x` is built first and the Wasm value from it, so an access through the
            // value in this block needs no sum (`physicalAddresses`).
            if let (c, other) = Self.frameSum(kids), let base = memoryBase {
                let machine = sum(try frameMachineAddress(c), try value(other)[0], flagsFree: true)
                let sub = ThumbInstruction.data(.sub, s: false, rd: .r0, rn: .r1, .reg(.r2))
                emit(.flexible(sub, [d[0], machine, base]))
                physicalAddresses[d[0]] = machine
                return
            }
        case .global(let g, _):
            if let v = context.addressConstants[g] {
                emit(.copy(d[0], memoryAddress(v)))
                return
            }
            if let k = context.functionPointers[g] {
                // `relocated`: a function pointer, the function's (Thumb) address.
                emit(.copy(d[0], symbolAddress(context.functionSymbols[k])))
                return
            }
            let a = symbolAddress(context.globalSymbols[g])
            for (h, r) in d.enumerated() {
                emit(.instruction(.load(.word, rt: .r0, .offset(.r1, Int32(4 * h))), [r, a]))
            }
            return
        case .select(_, let a, let b, let c):
            // Built in (an `it` block), not a tile.
            var ra: [VReg]?
            var immediate: UInt32?
            if d.count == 1, case .constant(_, let v) = a, v <= 255 {
                immediate = UInt32(v)
            } else {
                ra = try value(a)
            }
            let rb = try value(b)
            let cond = try flags(c)
            for (x, y) in zip(d, rb) where x != y { emit(.copy(x, y)) }
            if let immediate {
                emit(
                    MachineInstruction(.moveImmediateIf(cond, immediate), regs: [d[0]], defs: [d[0]], uses: [d[0]]))
            } else if let ra {
                for (x, y) in zip(d, ra) {
                    emit(MachineInstruction(.moveIf(cond), regs: [x, y], defs: [x], uses: [x, y]))
                }
            }
            return
        default: break
        }
        let choice = try selector.best(tree, flags: false, facts: facts)
        guard let k = choice.tile else {
            // A comparison with a flags tile only.
            let cond = try flags(tree)
            emit(MachineInstruction(.setIf(cond), regs: [d[0]], defs: [d[0]], uses: []))
            noteFlags(.registers([d[0]], .i32), cond)
            return
        }
        try apply(k, choice, result: d)
    }

    /// Mnemonics a tile of one instruction may have to run under an `it` (no flags read).
    static let predicable: Set<String> = [
        "add", "sub", "rsb", "and", "orr", "eor", "bic", "orn", "lsl", "lsr", "asr", "ror", "mov", "mvn", "mul",
    ]

    /// The cover of an i32 tree when its tile is one predicable instruction, else nil.
    mutating func predicableCover(_ t: Tree) throws(CompileError) -> (tile: Tile, choice: Selector.Choice)? {
        guard case .op = t, t.type == .i32 else { return nil }
        let choice = try selector.best(t, flags: false, facts: facts)
        guard let k = choice.tile else { return nil }
        let tile = selector.tiles.tiles[k]
        guard tile.spec.instructions.count == 1, tile.temporaryCount == 0,
            let m = tile.spec.instructions.first?.mnemonic,
            Self.predicable.contains(m) || Self.predicable.contains(String(m.dropLast()))
        else { return nil }
        return (tile, choice)
    }

    /// Of a select's arms, one whose value is one predicable instruction (tried first, then
    /// the other arm, and whether the select's condition picks the first when it holds).
    mutating func predicableArm(_ a: Tree, _ b: Tree) throws(CompileError) -> (Tree, Tree, Bool)? {
        if try predicableCover(a) != nil { return (a, b, true) }
        if try predicableCover(b) != nil { return (b, a, false) }
        return nil
    }

    /// `d = other` only where the condition `c` picks it (holds when `picking`, fails
    /// otherwise), as other's one-instruction tile under an `it`, its operands computed first:
    /// no register for the arm, no move. False (nothing emitted) when other's tile is not one
    /// such instruction.
    mutating func movePredicated(_ other: Tree, into d: VReg, picking: Bool, on c: Tree) throws(CompileError)
        -> Bool
    {
        guard let (tile, choice) = try predicableCover(other) else { return false }
        var b = TileBinding()
        b.constants = choice.constants
        for (name, t) in choice.values where b.values[name] == nil { b.values[name] = try value(t) }
        b.result = [d]
        guard let steps = tile.expand(b), steps.count == 1, case .machine(let inst, let regs, _) = steps[0] else {
            return false
        }
        let cond = try flags(c)
        let uses = MachineInstruction.instruction(inst, regs).uses
        emit(
            MachineInstruction(
                .conditional(picking ? cond : cond.inverse, inst), regs: regs, defs: [d],
                uses: uses.contains(d) ? uses : uses + [d]))
        return true
    }

    /// `d = value` by the cheapest constant tile.
    mutating func materialize(_ value: UInt32, into d: VReg) throws(CompileError) {
        try compute(.constant(.i32, UInt64(value)), into: [d])
    }
}
