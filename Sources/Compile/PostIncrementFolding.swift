import Thumb

/// A machine pass after allocation: a load or store at `[rn]` whose base the same block then
/// steps by a constant, with nothing reading or writing rn in between, becomes the
/// post-indexed access: `ldm rn!, {rt}` / `stm rn!, {rt}` (16 bits, a word and low
/// registers) or `ldr rt, [rn], #k` (32 bits), when that is smaller than the access and the
/// add.
///
/// Invariant: the access and the step it absorbs are in one block with nothing between them
/// reading or writing the base register.
enum PostIncrementFolding {
    static func run(_ code: [MachineInstruction]) -> [MachineInstruction] {
        func concrete(_ i: MachineInstruction) -> ThumbInstruction? {
            switch i.op {
            case .instruction(let t), .flexible(let t): Emitter.concrete(t, i)
            default: nil
            }
        }
        func size(_ t: ThumbInstruction) -> Int { (try? Encoder.encode(t))?.count ?? 99 }
        /// The constant a flags-free `add`/`sub` adds to rn in place.
        func step(_ i: MachineInstruction, _ rn: Register) -> (Int32, Int)? {
            guard case .flexible = i.op, let t = concrete(i) else { return nil }
            let small = min(size(t), size(t.withFlags(!t.mayWriteFlags)))
            switch t {
            case .data(.add, _, let rd, let n, .immediate(let v)) where rd == rn && n == rn:
                return (Int32(bitPattern: v), small)
            case .data(.sub, _, let rd, let n, .immediate(let v)) where rd == rn && n == rn:
                return (-Int32(bitPattern: v), small)
            default: return nil
            }
        }
        var code = code
        var k = 0
        while k < code.count {
            defer { k += 1 }
            guard case .instruction = code[k].op, let access = concrete(code[k]) else { continue }
            let rt: Register
            let rn: Register
            let width: MemoryWidth
            let isLoad: Bool
            switch access {
            case .load(let w, let t, .offset(let n, 0)): (width, rt, rn, isLoad) = (w, t, n, true)
            case .store(let w, let t, .offset(let n, 0)): (width, rt, rn, isLoad) = (w, t, n, false)
            default: continue
            }
            guard rt != rn, rn != .sp, rn != .pc else { continue }
            var j = k + 1
            while j < code.count {
                let i = code[j]
                if let (amount, addBytes) = step(i, rn) {
                    guard (-255...255).contains(amount) else { break }
                    var candidates: [ThumbInstruction] = [
                        isLoad
                            ? .load(width, rt: rt, .postIndexed(rn, amount))
                            : .store(width, rt: rt, .postIndexed(rn, amount))
                    ]
                    if width == .word, amount == 4, rt.isLow, rn.isLow {
                        let list = RegisterList([rt])
                        candidates.append(
                            isLoad
                                ? .loadMultiple(rn: rn, writeback: true, list, decrementBefore: false)
                                : .storeMultiple(rn: rn, writeback: true, list, decrementBefore: false))
                    }
                    guard let best = candidates.min(by: { size($0) < size($1) }), size(best) < size(access) + addBytes
                    else { break }
                    code[k] = MachineInstruction(
                        .instruction(best), regs: [], defs: code[k].defs.map { _ in VReg(rt) } + [VReg(rn)],
                        uses: code[k].uses)
                    code.remove(at: j)
                    break
                }
                // Anything else must leave rn alone and stay in the block.
                switch i.op {
                case .instruction, .frame, .flexible, .copy, .constant, .symbol, .setIf, .moveIf, .moveImmediateIf,
                    .conditional, .spill, .reload, .storeArgument, .loadArgument:
                    break
                default: j = code.count
                }
                if j == code.count { break }
                if (i.uses + i.defs).contains(where: { $0.physical == rn }) { break }
                j += 1
            }
        }
        return code
    }

}
