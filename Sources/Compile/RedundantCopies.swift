/// After allocation: a register copy whose destination already holds the source's value goes —
/// an earlier copy made the two equal and neither has been written since. The usual case is a
/// call's arguments: the parameters are saved in callee-saved registers at the entry
/// (`mov r6, r0`) and copied back into r0–r3 for a call before anything wrote r0–r3
/// (`mov r0, r6`), as LLVM's machine copy propagation removes.
///
/// Invariant: registers are taken as equal only from a copy of one into the other to the next
/// write of either (every instruction's `defs` lists what it writes; a call its clobbers),
/// along every edge (`ForwardFacts`: into a join only what all its paths agree on, into a loop
/// header what holds around the loop).
enum RedundantCopies {
    /// For each register, the others known to hold the same value (symmetric): at a join,
    /// what every path agrees on.
    static var facts: ForwardFacts<[VReg: Set<VReg>]> {
        ForwardFacts(empty: [:]) { a, b in
            var met: [VReg: Set<VReg>] = [:]
            for (r, others) in a {
                let both = others.intersection(b[r] ?? [])
                if !both.isEmpty { met[r] = both }
            }
            return met
        }
    }

    static func run(_ code: [MachineInstruction]) -> [MachineInstruction] {
        facts.run(code) { equal, i in
            func forget(_ r: VReg) {
                for other in equal[r] ?? [] { equal[other]?.remove(r) }
                equal[r] = nil
            }
            if case .copy = i.op, i.regs.count == 2 {
                let (d, s) = (i.regs[0], i.regs[1])
                if d == s || equal[d]?.contains(s) == true { return [] }
                forget(d)
                let group = (equal[s] ?? []).union([s])
                for other in group { equal[other, default: []].insert(d) }
                equal[d] = group
                return [i]
            }
            for d in i.defs { forget(d) }
            return [i]
        }
    }
}
