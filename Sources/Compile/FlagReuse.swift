import Thumb

/// A machine pass after allocation: `cmp rX, #0` right after the instruction that computes
/// rX goes when that instruction can set the flags itself (`adds`, `ands`, `lsls`, `muls`,
/// ...: N and Z of the result are what the compare gives) and everything that reads these
/// flags before they are written again or a label is reached asks only N or Z (`eq`, `ne`,
/// `mi`, `pl`). The compare leaves C = 1 and V = 0, the instruction its own C and V, so any
/// other condition keeps the compare.
///
/// A compare that repeats the one whose flags stand — the same instruction over the same
/// registers, none of them written since, nothing between that may write the flags and no
/// label (`(a > b) - (a < b)` compares once for both conditions) — goes too.
///
/// Invariant: an instruction is made flag-setting only where the result is no longer (a
/// 32-bit encoding has an `s` bit; a 16-bit one outside an `it` block sets the flags anyway),
/// and flags are never read across a label (the compiler sets them again after one).
enum FlagReuse {
    static let readable: Set<Condition> = [.eq, .ne, .mi, .pl]

    static func run(_ code: [MachineInstruction]) -> [MachineInstruction] {
        var code = withoutRepeatedCompares(code)
        var k = 1
        while k < code.count {
            defer { k += 1 }
            guard case .instruction(.compare(.cmp, rn: let slot, .immediate(0))) = code[k].op,
                Int(slot.rawValue) < code[k].regs.count
            else { continue }
            let x = code[k].regs[Int(slot.rawValue)]
            guard let setting = flagSetting(code[k - 1], writing: x), onlyNZRead(after: k, in: code) else { continue }
            code[k - 1] = setting
            code.remove(at: k)
            k -= 1
        }
        return code
    }

    /// `code` without each compare equal to the last one whose flags still stand (no label,
    /// no instruction that may write the flags, no write of the compare's registers since).
    static func withoutRepeatedCompares(_ code: [MachineInstruction]) -> [MachineInstruction] {
        var out: [MachineInstruction] = []
        out.reserveCapacity(code.count)
        var standing: MachineInstruction?
        for i in code {
            if case .instruction(.compare) = i.op {
                if i == standing { continue }
                out.append(i)
                standing = i
                continue
            }
            switch i.op {
            case .label: standing = nil
            case .conditional(_, let t) where t.mayWriteFlags: standing = nil
            default:
                if i.mayWriteFlags || standing.map({ !Set($0.uses).isDisjoint(with: i.defs) }) == true {
                    standing = nil
                }
            }
            out.append(i)
        }
        return out
    }

    /// `i` made flag-setting, when it writes exactly `x` as an `s`-able instruction whose
    /// flag-setting form is no longer than the form the emitter would pick.
    static func flagSetting(_ i: MachineInstruction, writing x: VReg) -> MachineInstruction? {
        let template: ThumbInstruction
        let flexible: Bool
        switch i.op {
        case .instruction(let t): (template, flexible) = (t, false)
        case .flexible(let t): (template, flexible) = (t, true)
        default: return nil
        }
        guard let rd = destination(template), Int(rd.rawValue) < i.regs.count, i.regs[Int(rd.rawValue)] == x,
            i.defs == [x]
        else { return nil }
        if !flexible && template.mayWriteFlags { return i }
        let setting = template.withFlags(true)
        func size(_ t: ThumbInstruction) -> Int { (try? Encoder.encode(Emitter.concrete(t, i)))?.count ?? 99 }
        let now = flexible ? min(size(template), size(template.withFlags(false))) : size(template)
        guard size(setting) <= now else { return nil }
        var out = i
        out.op = .instruction(setting)
        return out
    }

    /// Whether what reads the flags the compare at `k` set — up to the next instruction that
    /// may write them, a label or the end of the path — asks only N or Z.
    static func onlyNZRead(after k: Int, in code: [MachineInstruction]) -> Bool {
        var j = k + 1
        while j < code.count {
            let i = code[j]
            switch i.op {
            case .label, .ret, .switchTable: return true
            case .branch(let c, _):
                if c == .al { return true }
                if !readable.contains(c) { return false }
            case .setIf(let c), .moveIf(let c), .moveImmediateIf(let c, _), .conditional(let c, _):
                if !readable.contains(c) { return false }
            case .instruction(.data(.adc, _, _, _, _)), .instruction(.data(.sbc, _, _, _, _)),
                .flexible(.data(.adc, _, _, _, _)), .flexible(.data(.sbc, _, _, _, _)):
                return false
            default:
                if i.mayWriteFlags { return true }
            }
            j += 1
        }
        return true
    }

    /// On laid-out items: `cbz`/`cbnz r` right after an instruction that computes r and can
    /// set the flags becomes `beq`/`bne` on those flags (the instruction made flag-setting
    /// where that costs nothing): as short as `cbz` where `cbz` reaches, and no `cmp r, #0`
    /// where it does not (a high register, a target behind or beyond 126 bytes). Nothing
    /// reads the flags after a compare-and-branch (layout may write them there).
    static func run(items: [Item]) -> [Item] {
        var out = items
        for k in out.indices.dropFirst() {
            guard case .compareBranch(let nonzero, let r, let label) = out[k], case .instruction(let t) = out[k - 1],
                !coveredByIT(k - 1, in: out)
            else { continue }
            guard destination(t) == r else { continue }
            let setting = t.withFlags(true)
            guard let now = try? Encoder.encode(t), let then = try? Encoder.encode(setting), then.count <= now.count
            else { continue }
            out[k - 1] = .instruction(setting)
            out[k] = .branch(nonzero ? .ne : .eq, label)
        }
        return out
    }

    /// The register `t` writes when its flag-setting form sets N and Z from that result (a
    /// data-processing instruction other than `adc`/`sbc`, which read the carry; a move, a
    /// shift, a multiply), else nil.
    static func destination(_ t: ThumbInstruction) -> Register? {
        switch t {
        case .data(let op, _, let d, _, _) where op != .adc && op != .sbc: d
        case .mov(_, let d, _), .mvn(_, let d, _), .shift(_, _, let d, _, _), .mul(_, let d, _, _): d
        default: nil
        }
    }

    /// Whether an `it` block covers item `k` (its 16-bit forms set no flags there).
    static func coveredByIT(_ k: Int, in items: [Item]) -> Bool {
        for j in stride(from: k - 1, through: max(0, k - 4), by: -1) {
            if case .instruction(.it(_, let thens)) = items[j], j + 1 + thens.count >= k { return true }
        }
        return false
    }
}
