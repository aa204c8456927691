import Thumb

/// A forward dataflow over allocated machine code that carries what a pass knows about the
/// registers (`State`) along every edge of the blocks (`RegisterAllocator.blocks`): through a
/// conditional branch's fall-through, and into a block as the meet of what its predecessors'
/// ends hold — iterated in reverse postorder to a fixed point, a block no path has reached
/// yet counting for nothing at a join (so a loop header keeps what its entry and back edges
/// agree on), as `RedundantZeroChecks` does for its facts. Then one last walk in layout order
/// emits the code.
///
/// Invariant: the state `step` sees at each instruction holds on every path that reaches it,
/// provided each `step` keeps its state true of the instructions it emits, is a function of
/// its state and instruction alone and monotone (less known before, no more after), and
/// `meet` keeps only what both of its states know.
struct ForwardFacts<State: Equatable> {
    let empty: State
    let meet: (State, State) -> State

    /// Runs `step` on each instruction (with the state that holds before it; `step` updates
    /// it to what holds after the instructions it returns, which replace the instruction).
    func run(
        _ code: [MachineInstruction], step: (inout State, MachineInstruction) -> [MachineInstruction]
    ) -> [MachineInstruction] {
        var emitted: [MachineInstruction] = []
        emitted.reserveCapacity(code.count)
        walk(
            code, step: { state, k in step(&state, code[k]) },
            visit: { _, _, replacement in emitted += replacement })
        return emitted
    }

    /// The state that holds before each instruction of `code`, `step` taking it past the
    /// instruction of an index.
    func states(_ code: [MachineInstruction], step: (inout State, Int) -> Void) -> [State] {
        var states: [State] = []
        states.reserveCapacity(code.count)
        walk(
            code,
            step: { state, k in
                step(&state, k)
                return []
            },
            visit: { _, before, _ in states.append(before) })
        return states
    }

    /// The fixed point, then one walk in layout order calling `visit` with each instruction's
    /// index, the state before it and what `step` returned for it.
    private func walk(
        _ code: [MachineInstruction], step: (inout State, Int) -> [MachineInstruction],
        visit: (Int, State, [MachineInstruction]) -> Void
    ) {
        var f = MachineFunction(name: "")
        f.code = code
        let blocks = RegisterAllocator(f).blocks()
        let order = RegisterAllocator.reversePostorder(blocks)
        var predecessors = [[Int]](repeating: [], count: blocks.count)
        for (b, block) in blocks.enumerated() { for s in Set(block.successors) { predecessors[s].append(b) } }
        // What holds at each block's end (nil: no path has reached it yet).
        var out = [State?](repeating: nil, count: blocks.count)
        func entering(_ b: Int) -> State {
            guard b != order.first else { return empty }
            var met: State?
            for p in predecessors[b] {
                guard let s = out[p] else { continue }
                met = met.map { meet($0, s) } ?? s
            }
            return met ?? empty
        }
        var changed = true
        while changed {
            changed = false
            for b in order {
                var state = entering(b)
                for k in blocks[b].range { _ = step(&state, k) }
                if out[b] != state {
                    out[b] = state
                    changed = true
                }
            }
        }
        for b in blocks.indices {
            // A block no path reaches knows nothing.
            var state = out[b] == nil ? empty : entering(b)
            for k in blocks[b].range {
                let before = state
                let replacement = step(&state, k)
                visit(k, before, replacement)
            }
        }
    }
}

extension ForwardFacts {
    /// Facts as a value per register: the meet keeps the registers both sides agree on.
    static func agreeing<V: Equatable>() -> ForwardFacts where State == [VReg: V] {
        ForwardFacts(empty: [:]) { a, b in a.filter { b[$0.key] == $0.value } }
    }
}
