import Thumb

/// A machine pass on the laid-out items, after the frame: a compare-and-branch on a register
/// the instruction before it computes branches on that instruction's flags
/// (`FlagReuse.run(items:)`); branches to the very next instruction go; a conditional branch
/// over an unconditional one becomes the inverse branch; adjacent `it` blocks on one
/// condition merge.
///
/// Invariant: control reaches the same instructions under the same conditions; only branch
/// forms and `it` block boundaries change.
enum BranchPeephole {
    static func run(_ items: [Item]) -> [Item] {
        var out = FlagReuse.run(items: items)
        var changed = true
        while changed {
            changed = false
            var k = 0
            while k < out.count {
                if case .branch(.al, let l) = out[k] {
                    var j = k + 1
                    while j < out.count, case .label(let m) = out[j] {
                        if m == l {
                            out.remove(at: k)
                            changed = true
                            break
                        }
                        j += 1
                    }
                    if changed { break }
                }
                // `it c; x; it c; y` is `itt c; x; y` (and `it c; x; it ¬c; y` is `ite c; x; y`):
                // adjacent blocks on one condition share an `it`, up to four instructions.
                if case .instruction(.it(let c, let thens)) = out[k], k + thens.count + 2 < out.count,
                    case .instruction(.it(let c2, let thens2)) = out[k + thens.count + 2],
                    c2 == c || c2 == c.inverse, thens.count + thens2.count + 2 <= 4
                {
                    let same = c2 == c
                    out[k] = .instruction(.it(c, thens: thens + [same] + thens2.map { same ? $0 : !$0 }))
                    out.remove(at: k + thens.count + 2)
                    changed = true
                    break
                }
                if case .branch(let c, let l1) = out[k], c != .al, k + 2 < out.count,
                    case .branch(.al, let l2) = out[k + 1], case .label(let m) = out[k + 2], m == l1
                {
                    out[k] = .branch(c.inverse, l2)
                    out.remove(at: k + 1)
                    changed = true
                    break
                }
                k += 1
            }
        }
        return out
    }
}
