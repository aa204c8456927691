import Rules
import WasmModel

/// A concrete search for counterexamples: every combination of edge values (0, 1, -1,
/// INT_MIN, INT_MAX, powers of two, widths) for up to three variables, then seeded random
/// values. Cheap, deterministic, and good at the bindings that break subtly wrong rules
/// (INT_MIN / -1, a shift by the width), which bit-blasting a divider finds slowly.
enum Search {
    static func edges(_ type: ValueType) -> [UInt64] {
        let w: UInt64 = type == .i64 ? 64 : 32
        let mask: UInt64 = w == 64 ? .max : 0xFFFF_FFFF
        let top: UInt64 = 1 << (w - 1)
        return [0, 1, 2, 3, 7, 8, w - 1, w, w + 1, mask, mask - 1, top, top - 1, top + 1, 0xFF, 0x80, 1 << (w / 2)]
    }

    /// A binding under which the guards hold and the sides differ, if one is found.
    static func counterexample(to rule: Rule, randomSamples: Int = 20_000) -> Counterexample? {
        let zero = Binding(of: rule, bits: { _ in 0 })
        let variables = zero.values
        func check(_ values: [UInt64]) -> Counterexample? {
            var binding = zero
            for i in values.indices { binding.values[i].bits = values[i] }
            return binding.counterexample(to: rule)
        }
        let edgeValues = variables.map { edges($0.type) }
        if variables.count <= 3 {
            var values = [UInt64](repeating: 0, count: variables.count)
            func enumerate(_ i: Int) -> Counterexample? {
                guard i < variables.count else { return check(values) }
                for v in edgeValues[i] {
                    values[i] = v
                    if let found = enumerate(i + 1) { return found }
                }
                return nil
            }
            if let found = enumerate(0) { return found }
        }
        var state = rule.name.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<randomSamples {
            let values = variables.indices.map { i -> UInt64 in
                let r = next()
                let mask: UInt64 = variables[i].type == .i64 ? .max : 0xFFFF_FFFF
                return r % 3 == 0 ? edgeValues[i][Int(r >> 8) % edgeValues[i].count] : (next() >> (r % 61)) & mask
            }
            if let found = check(values) { return found }
        }
        return nil
    }
}
