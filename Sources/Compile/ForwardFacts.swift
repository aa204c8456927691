import Thumb

/// A forward walk over allocated machine code in layout order that carries what a pass knows
/// about the registers (`State`) along every edge: through a conditional branch's
/// fall-through, and into a label as the meet of the states of every edge that enters it —
/// branches to it and the fall-through into it. A label some later instruction branches to
/// (a loop header) starts from `empty`, so one pass in order suffices (no fixed point).
///
/// Invariant: the state `step` sees at each instruction holds on every path that reaches it,
/// provided each `step` keeps its state true of the instructions it emits, and `meet` keeps
/// only what both of its states know.
struct ForwardFacts<State> {
    let empty: State
    let meet: (State, State) -> State

    /// Runs `step` on each instruction (with the state that holds before it; `step` updates
    /// it to what holds after the instructions it returns, which replace the instruction).
    func run(
        _ code: [MachineInstruction], step: (inout State, MachineInstruction) -> [MachineInstruction]
    ) -> [MachineInstruction] {
        // A label is entered only from earlier code when no branch at or after it targets it.
        var position: [Label: Int] = [:]
        for (k, i) in code.enumerated() { if case .label(let l) = i.op { position[l] = k } }
        var backward = Set<Label>()
        for (k, i) in code.enumerated() {
            for l in Self.targets(i) { if let p = position[l], p <= k { backward.insert(l) } }
        }
        var entering: [Label: State] = [:]
        var state = empty
        var reachable = true  // whether the previous instruction falls through
        var out: [MachineInstruction] = []
        out.reserveCapacity(code.count)
        for i in code {
            if case .label(let l) = i.op {
                if backward.contains(l) {
                    state = empty
                } else {
                    switch (reachable, entering[l]) {
                    case (true, let s?): state = meet(state, s)
                    case (false, let s?): state = s
                    case (true, nil): break
                    case (false, nil): state = empty  // unreachable code: know nothing
                    }
                }
            }
            let emitted = step(&state, i)
            out += emitted
            for l in Self.targets(i) where !backward.contains(l) {
                entering[l] = entering[l].map { meet($0, state) } ?? state
            }
            switch i.op {
            case .branch(let c, _) where c == .al: reachable = false
            case .ret, .switchTable: reachable = false
            default: reachable = true
            }
        }
        return out
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
