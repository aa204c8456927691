import Rules
import Thumb
import WasmModel

/// Tile application: a chosen tile's variables computed into registers, then its
/// instructions expanded (helper calls placed per the AAPCS, trap checks to the function's
/// `udf`).
extension FunctionCompiler {
    /// Emits tile `k` with its variables computed first.
    mutating func apply(_ k: Int, _ choice: Selector.Choice, result: [VReg]) throws(CompileError) {
        let tile = selector.tiles.tiles[k]
        var b = TileBinding()
        b.constants = choice.constants
        var computed: [(Tree, [VReg])] = []
        for (name, t) in choice.values {
            if let done = computed.first(where: { $0.0 == t }) {
                b.values[name] = done.1
                continue
            }
            let r = try value(t)
            computed.append((t, r))
            b.values[name] = r
        }
        b.result = result
        b.temporaries = (0..<tile.temporaryCount).map { _ in f.fresh() }
        guard let steps = tile.expand(b) else { throw fail("tile \(tile.spec.name) does not apply") }
        for s in steps { try emit(s) }
    }

    mutating func emit(_ step: TileStep) throws(CompileError) {
        switch step {
        case .machine(let i, let regs, let flexible):
            if flexible, case .mov(_, let rd, .register(let source)) = i, source.amount == 0,
                Int(rd.rawValue) < regs.count, Int(source.register.rawValue) < regs.count
            {
                // A register move is a copy: the allocator may coalesce it away.
                emit(.copy(regs[Int(rd.rawValue)], regs[Int(source.register.rawValue)]))
                return
            }
            var m = MachineInstruction.instruction(i, regs)
            if flexible { m.op = .flexible(i) }
            emit(m)
        case .literal(let r, let v):
            emit(MachineInstruction(.constant(v), regs: [r], defs: [r], uses: []))
        case .materialize(let r, let v):
            try materialize(v, into: r)
        case .trapIfZero(let r):
            emit(MachineInstruction(.compareBranch(nonzero: false, trap), regs: [r], defs: [], uses: [r]))
        case .trapIf(let c):
            emit(MachineInstruction(.branch(c, trap), defs: [], uses: []))
        case .moveIf(let c, let r, let v):
            emit(MachineInstruction(.moveImmediateIf(c, v), regs: [r], defs: [r], uses: [r]))
        case .call(let symbol, let arguments, let results, let fromR2):
            var uses: [VReg] = []
            var word = 0
            for a in arguments {
                if a.count == 2, word % 2 == 1 { word += 1 }
                for r in a {
                    guard word < 4 else { throw fail("helper \(symbol) takes more than four words") }
                    let p = VReg(Register(rawValue: UInt8(word)) ?? .r0)
                    emit(.copy(p, r))
                    uses.append(p)
                    word += 1
                }
            }
            emit(MachineInstruction(.call(symbol), regs: uses, defs: callClobbers, uses: uses))
            for (h, r) in results.enumerated() {
                emit(.copy(r, VReg(Register(rawValue: UInt8(h + (fromR2 ? 2 : 0))) ?? .r0)))
            }
        }
    }
}
