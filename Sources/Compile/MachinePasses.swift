import Passes
import Thumb

/// The machine passes, in pipeline order: before allocation (on virtual registers) the
/// redundant zero checks go, each register's independent webs are renamed apart (`Webs`)
/// and dead code goes; `allocate-registers` colors the registers (and
/// spills); after allocation reloads into a register still holding the slot go, so do constants
/// moved into a register already holding them (`known-constants`) and copies into a register
/// already holding the same value (`redundant-copies`), word accesses absorb
/// the base register's step and a compare with zero gives way to the flags its operand's
/// instruction sets (`reuse-flags`); after the frame is laid out, `branch-peephole` drops branches to
/// the next instruction, inverts a branch over a branch and merges `it` blocks, and
/// `tail-merge` keeps one copy of code several paths end in before the same join.
///
/// Invariant: every pass keeps `MachineVerifier`'s checks; after `allocate-registers` no
/// virtual register is left.
enum MachinePasses {
    static let redundantZeroChecks = Pass<MachineFunction>("redundant-zero-checks") { f in
        RedundantZeroChecks.run(&f)
    }

    static let renameWebs = Pass<MachineFunction>("rename-webs") { f in
        Webs.run(&f)
    }

    /// An arithmetic shift read only by a saturation becomes the saturation's own shift
    /// (`SaturationShifts`).
    static let saturationShifts = Pass<MachineFunction>("saturation-shifts") { f in
        SaturationShifts.run(&f)
    }

    static let deadCode = Pass<MachineFunction>("dead-code") { f in
        var allocator = RegisterAllocator(f)
        let removed = allocator.removeDeadCode()
        f = allocator.f
        return removed
    }

    static let reloadsAfterSpills = Pass<MachineFunction>("reloads-after-spills") { f in
        let before = f.code.count
        f.code = ReloadsAfterSpills.run(f.code)
        return before - f.code.count
    }

    static let knownConstants = Pass<MachineFunction>("known-constants") { f in
        let before = f.code.count
        f.code = KnownConstants.run(f.code)
        return before - f.code.count
    }

    static let redundantCopies = Pass<MachineFunction>("redundant-copies") { f in
        let before = f.code.count
        f.code = RedundantCopies.run(f.code)
        return before - f.code.count
    }
    /// Reads of a register given a value another register holds take that register instead,
    /// and the definition goes (`ValueForwarding`).
    static let forwardValues = Pass<MachineFunction>("forward-values") { f in
        ValueForwarding.run(&f)
    }

    static let postIncrements = Pass<MachineFunction>("post-increments") { f in
        let before = f.code.count
        f.code = PostIncrementFolding.run(f.code)
        return before - f.code.count
    }

    static let reuseFlags = Pass<MachineFunction>("reuse-flags") { f in
        let before = f.code.count
        f.code = FlagReuse.run(f.code)
        return before - f.code.count
    }

    static let branchPeephole = Pass<[Item]>("branch-peephole") { items in
        let before = items.count
        items = BranchPeephole.run(items)
        return before - items.count
    }

    static let tailMerge = Pass<[Item]>("tail-merge") { items in
        let (merged, count) = TailMerging.run(items)
        items = merged
        return count
    }

    static let beforeAllocation = [redundantZeroChecks, renameWebs, saturationShifts, deadCode]
    static let afterAllocation = [
        reloadsAfterSpills, knownConstants, redundantCopies, forwardValues, postIncrements, reuseFlags,
    ]
    /// On the laid-out items, after the frame.
    static let afterFrame = [branchPeephole, tailMerge]

    /// Live-range splitting inside `allocate-registers` (`LiveRangeSplitting`): optional, so
    /// `--disable-pass split-live-ranges` spills every value at each read as before.
    static let splitLiveRanges = "split-live-ranges"

    /// Address bases built once at the function's entry (`AddressBases`): optional, so
    /// `--disable-pass hoist-address-bases` builds them in each block as before.
    static let hoistAddressBases = "hoist-address-bases"

    /// Shadow-stack frames on the native stack (`NativeFrame`, with `--assume-dead-stack`):
    /// optional, so `--disable-pass native-frames` keeps them in linear memory.
    static let nativeFrames = "native-frames"

    /// `call_indirect` through a parameter looked up once at the entry (`ResolvedCallee`):
    /// optional, so `--disable-pass resolve-callees` checks at every call as before.
    static let resolveCallees = "resolve-callees"

    /// Pointer locals held as physical addresses (`NativePointers`, `linked`, `base`, `mpu`):
    /// optional, so `--disable-pass native-pointers` adds the memory base at each access.
    static let nativePointers = "native-pointers"

    /// Neighbouring functions laid out together, sharing literal pools (`SharedPools`):
    /// optional, so `--disable-pass share-literal-pools` gives each function its own pool.
    static let shareLiteralPools = "share-literal-pools"

    /// Calls to functions compiled before their callers write only what the callee's code
    /// writes (`CallClobbers`): optional, so `--disable-pass narrow-call-clobbers` has every
    /// call write all of r0–r3, r12 and lr as AAPCS allows.
    static let callClobbers = "narrow-call-clobbers"

    /// Every machine pass's name, in pipeline order (`allocate-registers` cannot be left out).
    static let names = [
        "narrow-call-clobbers", "native-frames", "resolve-callees", "hoist-address-bases", "native-pointers",
        "redundant-zero-checks",
        "rename-webs", "saturation-shifts", "dead-code",
        "split-live-ranges", "allocate-registers", "reloads-after-spills", "known-constants", "redundant-copies",
        "forward-values", "post-increments",
        "reuse-flags",
        "branch-peephole", "tail-merge", "share-literal-pools",
    ]
}

/// Checks what every machine pass must keep: each label defined once, every branch to a
/// defined label (or the function's trap), the operand registers each pseudo-instruction
/// reads present, and — once allocated — no virtual register left.
///
/// Invariant: `problem` is nil exactly when all of these hold.
enum MachineVerifier {
    static func problem(_ f: MachineFunction, allocated: Bool) -> String? {
        var defined = Set<Label>()
        for (k, i) in f.code.enumerated() {
            if case .label(let l) = i.op, !defined.insert(l).inserted { return "label \(l) defined twice (at \(k))" }
        }
        for (k, i) in f.code.enumerated() {
            var targets: [Label] = []
            var needs = 0
            switch i.op {
            case .branch(_, let l): targets = [l]
            case .compareBranch(_, let l):
                targets = [l]
                needs = 1
            case .switchTable(let ls):
                targets = ls
                needs = 1
            case .copy, .moveIf: needs = 2
            case .setIf, .moveImmediateIf, .constant, .symbol, .reload, .spill, .storeArgument, .loadArgument,
                .callIndirect:
                needs = 1
            default: break
            }
            for l in targets where !defined.contains(l) && l != f.trapLabel {
                return "instruction \(k) (\(i)) branches to undefined label \(l)"
            }
            if i.regs.count < needs { return "instruction \(k) (\(i)) has \(i.regs.count) registers, needs \(needs)" }
            if allocated, let v = (i.regs + i.defs + i.uses).first(where: \.isVirtual) {
                return "instruction \(k) (\(i)) still names virtual register \(v) after allocation"
            }
        }
        return nil
    }
}

extension MachineFunction {
    /// The code as text, one instruction a line (for `--print-after`).
    var text: String { code.map { "  \($0)" }.joined(separator: "\n") }
}
