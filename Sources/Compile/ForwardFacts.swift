import Thumb

/// A forward walk over allocated machine code in layout order that carries what a pass knows
/// about the registers (`State`) along every edge: through a conditional branch's
/// fall-through, and into a label as the meet of the states of every edge that enters it —
/// branches to it and the fall-through into it. A loop header (a label some later
/// instruction branches to) first assumes what its forward edges bring; the walk repeats
/// with the meet of what its back edges then brought until no header's state shrinks (a
/// fixed point: what holds on entry holds around the loop), or, after `rounds` walks, every
/// header starts from `empty`.
///
/// Invariant: the state `step` sees at each instruction holds on every path that reaches it,
/// provided each `step` keeps its state true of the instructions it emits and is a function
/// of its state and instruction alone, and `meet` keeps only what both of its states know.
struct ForwardFacts<State: Equatable> {
    let empty: State
    let meet: (State, State) -> State
    var rounds = 8

    /// Runs `step` on each instruction (with the state that holds before it; `step` updates
    /// it to what holds after the instructions it returns, which replace the instruction).
    func run(
        _ code: [MachineInstruction], step: (inout State, MachineInstruction) -> [MachineInstruction]
    ) -> [MachineInstruction] {
        // A label is a loop header when a branch at or after it targets it.
        var position: [Label: Int] = [:]
        for (k, i) in code.enumerated() { if case .label(let l) = i.op { position[l] = k } }
        var headers = Set<Label>()
        for (k, i) in code.enumerated() {
            for l in Self.targets(i) { if let p = position[l], p <= k { headers.insert(l) } }
        }
        // What the back edges of each header bring, as assumed by the next walk.
        var assumed: [Label: State] = [:]
        for _ in 0..<rounds {
            let walked = walk(code, headers: headers, assumed: assumed, step: step)
            var holds = true
            for (l, b) in walked.back {
                // Sound once what the header started from is no more than its back edges bring.
                guard let used = walked.used[l], meet(used, b) != used else { continue }
                assumed[l] = assumed[l].map { meet($0, b) } ?? b
                holds = false
            }
            if holds { return walked.out }
        }
        return walk(code, headers: headers, assumed: nil, step: step).out
    }

    /// One walk in layout order; `assumed` nil: every loop header starts from `empty`. Returns
    /// the code, the meet of the states each header's back edges brought, and the state each
    /// header started from.
    func walk(
        _ code: [MachineInstruction], headers: Set<Label>, assumed: [Label: State]?,
        step: (inout State, MachineInstruction) -> [MachineInstruction]
    ) -> (out: [MachineInstruction], back: [Label: State], used: [Label: State]) {
        var entering: [Label: State] = [:]
        var back: [Label: State] = [:]
        var used: [Label: State] = [:]
        var seen = Set<Label>()
        var state = empty
        var reachable = true  // whether the previous instruction falls through
        var out: [MachineInstruction] = []
        out.reserveCapacity(code.count)
        for i in code {
            if case .label(let l) = i.op {
                seen.insert(l)
                switch (reachable, entering[l]) {
                case (true, let s?): state = meet(state, s)
                case (false, let s?): state = s
                case (true, nil): break
                case (false, nil): state = empty  // only back edges, or unreachable
                }
                if headers.contains(l) {
                    if let assumed {
                        if let a = assumed[l] { state = meet(state, a) }
                    } else {
                        state = empty
                    }
                    used[l] = state
                }
            }
            out += step(&state, i)
            for l in Self.targets(i) {
                if seen.contains(l) {
                    back[l] = back[l].map { meet($0, state) } ?? state
                } else {
                    entering[l] = entering[l].map { meet($0, state) } ?? state
                }
            }
            switch i.op {
            case .branch(let c, _) where c == .al: reachable = false
            case .ret, .switchTable: reachable = false
            default: reachable = true
            }
        }
        return (out, back, used)
    }

    /// The labels `i` may branch to.
    static func targets(_ i: MachineInstruction) -> [Label] {
        switch i.op {
        case .branch(_, let l), .compareBranch(_, let l): [l]
        case .switchTable(let ls): ls
        default: []
        }
    }
}

extension ForwardFacts {
    /// Facts as a value per register: the meet keeps the registers both sides agree on.
    static func agreeing<V: Equatable>() -> ForwardFacts where State == [VReg: V] {
        ForwardFacts(empty: [:]) { a, b in a.filter { b[$0.key] == $0.value } }
    }
}
