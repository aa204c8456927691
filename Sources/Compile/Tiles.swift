import Rewrite
import Rules
import Thumb
import WasmDecode
import WasmModel
import WasmValidate

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One step of a tile once its operands are bound: a Thumb-2 instruction, or one of the few
/// pseudo-instructions whose expansion needs a label, a pool or a call sequence.
enum TileStep: Hashable, Sendable {
    /// An instruction over slot registers standing for `regs`; `flexible`: the `s` bit is
    /// free (the encoder may pick the 16-bit flag-setting form).
    case machine(ThumbInstruction, [VReg], flexible: Bool)
    /// `ldr rd, =value`.
    case literal(VReg, UInt32)
    /// The cheapest constant tile for `value` (the selector picks it).
    case materialize(VReg, UInt32)
    /// `cbz value, trap`.
    case trapIfZero(VReg)
    /// `b<cond> trap`.
    case trapIf(Condition)
    /// `it <cond>; mov<cond> rd, #value` (the flags an earlier step set; rd keeps its value
    /// otherwise).
    case moveIf(Condition, VReg, UInt32)
    /// A call of an AAPCS helper: arguments (one or two words each), the result words
    /// from r0/r1 (`fromR2`: from r2/r3, the remainder of `__aeabi_uldivmod`).
    case call(String, arguments: [[VReg]], results: [VReg], fromR2: Bool)

    /// Bytes of the step; registers are taken as they are (physical ones) or as low ones.
    var bytes: Int {
        switch self {
        case .machine(let i, let regs, let flexible):
            return Self.size(Self.concrete(i, regs), flexible: flexible) ?? 1000
        case .literal: return 6
        case .materialize: return 2
        case .trapIfZero, .trapIf: return 2
        case .moveIf(_, let r, let v):
            // Under the `it`, `mov` has the 16-bit encoding `movs` has outside one.
            return 2 + (Self.size(.mov(s: true, rd: r.physical ?? .r0, .immediate(v)), flexible: false) ?? 1000)
        case .call(_, let arguments, let results, _):
            return 4 + 2 * arguments.count + 2 * results.count
        }
    }

    /// The instruction with its slots replaced by `regs`' physical registers, a virtual one
    /// standing for a distinct low register (its slot number).
    static func concrete(_ i: ThumbInstruction, _ regs: [VReg]) -> ThumbInstruction {
        i.mapRegisters { r in
            let k = Int(r.rawValue)
            guard k < regs.count else { return r }
            return regs[k].physical ?? Register(rawValue: UInt8(k)) ?? .r0
        }
    }

    /// The smallest encoding's bytes (trying the `s` bit both ways when it is free).
    static func size(_ i: ThumbInstruction, flexible: Bool) -> Int? {
        var best: Int?
        for candidate in flexible ? [i, i.withFlags(!i.mayWriteFlags)] : [i] {
            if let h = try? Encoder.encode(candidate) { best = min(best ?? .max, h.count * 2) }
        }
        return best
    }
}

extension ThumbInstruction {
    /// The instruction with its `s` bit set to `s` (unchanged when it has none).
    func withFlags(_ s: Bool) -> ThumbInstruction {
        switch self {
        case .data(let op, _, let rd, let rn, let o): .data(op, s: s, rd: rd, rn: rn, o)
        case .mov(_, let rd, let o): .mov(s: s, rd: rd, o)
        case .mvn(_, let rd, let o): .mvn(s: s, rd: rd, o)
        case .shift(let sh, _, let rd, let rn, let rm): .shift(sh, s: s, rd: rd, rn: rn, rm: rm)
        case .mul(_, let rd, let rn, let rm): .mul(s: s, rd: rd, rn: rn, rm: rm)
        default: self
        }
    }
}

/// What a tile's operands are bound to: pattern variables to registers (two for an i64),
/// constants to values, the result and scratch registers.
struct TileBinding {
    var values: [String: [VReg]] = [:]
    var constants: [String: UInt64] = [:]
    var result: [VReg] = []
    var temporaries: [VReg] = []
}

/// A tile ready for selection: its spec, the operator at its root, and how many scratch
/// registers it needs.
///
/// Invariant: `expand` yields steps only when every instruction encodes with the bound
/// constants (a tile whose immediate does not fit does not apply).
public struct Tile: Sendable {
    public var spec: TileSpec
    /// Scratch registers (`$t`, `$t1`, ...): one more than the highest number used.
    var temporaryCount: Int
    var resultHalves: Int

    init(_ spec: TileSpec) throws(CompileError) {
        self.spec = spec
        var highest = -1
        func visit(_ o: TileOperand) {
            switch o {
            case .temporary(let k, _): highest = max(highest, k)
            case .shifted(let r, _, _): visit(r)
            case .memory(let parts): parts.forEach(visit)
            default: break
            }
        }
        for instruction in spec.instructions {
            for operand in instruction.operands { visit(operand) }
        }
        temporaryCount = highest + 1
        resultHalves = spec.pattern.type.words
        // Check every mnemonic and operand shape once, with placeholder registers.
        var b = TileBinding()
        for (name, type) in spec.pattern.variables {
            b.values[name] = type.words == 2 ? [VReg(.r2), VReg(.r3)] : [VReg(.r2)]
        }
        b.result = resultHalves == 2 ? [VReg(.r0), VReg(.r1)] : [VReg(.r0)]
        b.temporaries = (0..<temporaryCount).map { _ in VReg(.r4) }
        for i in spec.instructions {
            _ = try Self.step(i, b, spec: spec, check: true)
        }
    }

    /// The steps with `binding`, or nil when an immediate does not encode.
    func expand(_ binding: TileBinding) -> [TileStep]? {
        var out: [TileStep] = []
        for i in spec.instructions {
            guard let s = try? Self.step(i, binding, spec: spec, check: false) else { return nil }
            if case .machine(let inst, let regs, let flexible) = s {
                // Encodable at all (with low registers)?
                guard TileStep.size(TileStep.concrete(inst, regs), flexible: flexible) != nil else { return nil }
            }
            out.append(s)
        }
        return out
    }

    static let dataOps: [String: DataOp] = [
        "add": .add, "sub": .sub, "rsb": .rsb, "and": .and, "orr": .orr, "eor": .eor, "bic": .bic, "orn": .orn,
        "adc": .adc, "sbc": .sbc,
    ]
    static let shifts: [String: Shift] = ["lsl": .lsl, "lsr": .lsr, "asr": .asr, "ror": .ror]
    static let compares: [String: CompareOp] = ["cmp": .cmp, "cmn": .cmn, "tst": .tst, "teq": .teq]
    static let bitOps: [String: BitOp] = ["clz": .clz, "rbit": .rbit, "rev": .rev, "rev16": .rev16, "revsh": .revsh]
    static let extends: [String: ExtendOp] = ["sxtb": .sxtb, "sxth": .sxth, "uxtb": .uxtb, "uxth": .uxth]
    static let longs: [String: LongMultiplyOp] = ["umull": .umull, "smull": .smull, "umlal": .umlal, "smlal": .smlal]

    struct Failure: Error {}

    /// One instruction of the tile with its operands bound. With `check`, a malformed
    /// instruction is a `CompileError`; otherwise any failure is `Failure` (does not apply).
    static func step(_ ti: TileInstruction, _ b: TileBinding, spec: TileSpec, check: Bool) throws(CompileError)
        -> TileStep
    {
        func fail(_ m: String) -> CompileError {
            CompileError("\(spec.location.file):\(ti.line):\(ti.column): tile \(spec.name): \(m)")
        }
        var regs: [VReg] = []
        func slot(_ v: VReg) -> Register {
            if let k = regs.firstIndex(of: v) { return Register(rawValue: UInt8(k)) ?? .r0 }
            regs.append(v)
            return Register(rawValue: UInt8(regs.count - 1)) ?? .r0
        }
        func vreg(_ o: TileOperand) throws(CompileError) -> VReg {
            func pick(_ list: [VReg], _ h: TileOperand.Half) throws(CompileError) -> VReg {
                switch h {
                case .whole:
                    guard list.count == 1 else { throw fail("\(o) is a 64-bit pair: name .lo or .hi") }
                    return list[0]
                case .lo, .hi:
                    guard list.count == 2 else { throw fail("\(o) is a 32-bit value: drop .lo/.hi") }
                    return list[h == .lo ? 0 : 1]
                }
            }
            switch o {
            case .result(let h): return try pick(b.result, h)
            case .temporary(let k, let h):
                guard h == .whole, k < b.temporaries.count else { throw fail("bad scratch register \(o)") }
                return b.temporaries[k]
            case .value(let name, let h):
                guard let list = b.values[name] else { throw fail("?\(name) is not bound") }
                return try pick(list, h)
            default: throw fail("expected a register, found \(o)")
            }
        }
        func reg(_ o: TileOperand) throws(CompileError) -> Register { slot(try vreg(o)) }
        func imm(_ o: TileOperand) throws(CompileError) -> UInt32 {
            guard case .immediate(let e) = o else { throw fail("expected a constant, found \(o)") }
            guard
                let v = ConstantEvaluation.evaluate(
                    e, width: 64, constants: { b.constants[$0] ?? (check ? 0 : nil) })
            else { throw fail("the constant \(e) cannot be computed") }
            return UInt32(truncatingIfNeeded: v)
        }
        func operand2(_ o: TileOperand) throws(CompileError) -> Operand {
            switch o {
            case .immediate: return .immediate(try imm(o))
            case .shifted(let r, let s, let amount):
                guard let shift = shifts[s] else { throw fail("unknown shift \(s)") }
                let k = try imm(.immediate(amount))
                let n = shift == .lsl ? k & 31 : k
                guard check || (n <= 32 && !(shift == .lsl && n > 31) && !(shift == .ror && n > 31)) else {
                    throw fail("shift amount \(k) out of range")
                }
                return .register(ShiftedRegister(try reg(r), shift, UInt8(min(n, 31))))
            default: return .reg(try reg(o))
            }
        }
        let ops = ti.operands
        func arity(_ n: Int) throws(CompileError) {
            guard ops.count == n else { throw fail("\(ti.mnemonic) takes \(n) operand(s), given \(ops.count)") }
        }
        let m = ti.mnemonic
        // Strip a flag-setting `s` where the base mnemonic knows it.
        func base(_ table: [String: some Any]) -> String? {
            if table[m] != nil { return m }
            if m.hasSuffix("s"), table[String(m.dropLast())] != nil { return String(m.dropLast()) }
            return nil
        }
        if let name = base(dataOps), let op = dataOps[name] {
            let s = name != m
            try arity(3)
            let rd = try reg(ops[0])
            let rn = try reg(ops[1])
            return .machine(.data(op, s: true, rd: rd, rn: rn, try operand2(ops[2])), regs, flexible: !s)
        }
        if let name = base(shifts), let shift = shifts[name] {
            let s = name != m
            try arity(3)
            let rd = try reg(ops[0])
            let rn = try reg(ops[1])
            if case .immediate = ops[2] {
                let k = try imm(ops[2]) & 31
                let i = ThumbInstruction.mov(s: true, rd: rd, .register(ShiftedRegister(rn, shift, UInt8(k))))
                return .machine(i, regs, flexible: !s)
            }
            return .machine(.shift(shift, s: true, rd: rd, rn: rn, rm: try reg(ops[2])), regs, flexible: !s)
        }
        switch m {
        case "mov", "movs", "mvn", "mvns":
            try arity(2)
            let rd = try reg(ops[0])
            let o = try operand2(ops[1])
            let i: ThumbInstruction = m.hasPrefix("mvn") ? .mvn(s: true, rd: rd, o) : .mov(s: true, rd: rd, o)
            return .machine(i, regs, flexible: !m.hasSuffix("s"))
        case "movw", "movt":
            try arity(2)
            let rd = try reg(ops[0])
            let v = try imm(ops[1])
            guard check || v <= 0xFFFF else { throw fail("\(m) takes a 16-bit constant") }
            let h = UInt16(truncatingIfNeeded: v)
            return .machine(m == "movw" ? .movw(rd: rd, h) : .movt(rd: rd, h), regs, flexible: false)
        case "mul", "muls":
            try arity(3)
            let rd = try reg(ops[0])
            let rn = try reg(ops[1])
            return .machine(.mul(s: true, rd: rd, rn: rn, rm: try reg(ops[2])), regs, flexible: m == "mul")
        case "mla", "mls":
            try arity(4)
            let rd = try reg(ops[0])
            let rn = try reg(ops[1])
            let rm = try reg(ops[2])
            let ra = try reg(ops[3])
            return .machine(
                m == "mla" ? .mla(rd: rd, rn: rn, rm: rm, ra: ra) : .mls(rd: rd, rn: rn, rm: rm, ra: ra), regs,
                flexible: false)
        case "udiv", "sdiv":
            try arity(3)
            let rd = try reg(ops[0])
            let rn = try reg(ops[1])
            return .machine(.divide(signed: m == "sdiv", rd: rd, rn: rn, rm: try reg(ops[2])), regs, flexible: false)
        case _ where longs[m] != nil:
            try arity(4)
            let lo = try reg(ops[0])
            let hi = try reg(ops[1])
            let rn = try reg(ops[2])
            let rm = try reg(ops[3])
            return .machine(.longMultiply(longs[m]!, lo: lo, hi: hi, rn: rn, rm: rm), regs, flexible: false)
        case _ where bitOps[m] != nil:
            try arity(2)
            let rd = try reg(ops[0])
            return .machine(.bits(bitOps[m]!, rd: rd, rm: try reg(ops[1])), regs, flexible: false)
        case _ where extends[m] != nil:
            try arity(2)
            let rd = try reg(ops[0])
            return .machine(.extend(extends[m]!, rd: rd, rm: try reg(ops[1]), rotation: 0), regs, flexible: false)
        case "ubfx", "sbfx", "bfi":
            try arity(4)
            let rd = try reg(ops[0])
            let rn = try reg(ops[1])
            let lsb = try imm(ops[2])
            let width = try imm(ops[3])
            guard check || (lsb < 32 && width >= 1 && lsb + width <= 32) else { throw fail("bit field out of range") }
            let l = UInt8(truncatingIfNeeded: lsb & 31)
            let w = UInt8(truncatingIfNeeded: max(1, min(width, 32)))
            if m == "bfi" { return .machine(.bfi(rd: rd, rn: rn, lsb: l, width: w), regs, flexible: false) }
            return .machine(
                .bitfieldExtract(signed: m == "sbfx", rd: rd, rn: rn, lsb: l, width: w), regs, flexible: false)
        case _ where compares[m] != nil:
            try arity(2)
            let rn = try reg(ops[0])
            return .machine(.compare(compares[m]!, rn: rn, try operand2(ops[1])), regs, flexible: false)
        case "literal":
            try arity(2)
            return .literal(try vreg(ops[0]), try imm(ops[1]))
        case "const":
            try arity(2)
            return .materialize(try vreg(ops[0]), try imm(ops[1]))
        case "trap-if-zero":
            try arity(1)
            return .trapIfZero(try vreg(ops[0]))
        case "trap-if":
            try arity(1)
            guard case .condition(let c) = ops[0], let cond = Condition.named(c) else {
                throw fail("trap-if takes a condition")
            }
            return .trapIf(cond)
        case "mov-if":
            try arity(3)
            guard case .condition(let c) = ops[0], let cond = Condition.named(c) else {
                throw fail("mov-if takes a condition, a register and a constant")
            }
            return .moveIf(cond, try vreg(ops[1]), try imm(ops[2]))
        case "call", "call-r2":
            guard ops.count >= 2, case .symbol(let symbol) = ops[0] else {
                throw fail("(call @SYMBOL $d ARGUMENTS...)")
            }
            var results: [VReg] = []
            switch ops[1] {
            case .result(.whole): results = b.result
            default: results = [try vreg(ops[1])]
            }
            var arguments: [[VReg]] = []
            for o in ops.dropFirst(2) {
                if case .value(let name, .whole) = o, let list = b.values[name] {
                    arguments.append(list)
                } else {
                    arguments.append([try vreg(o)])
                }
            }
            return .call(symbol, arguments: arguments, results: results, fromR2: m == "call-r2")
        default:
            throw fail("unknown instruction `\(m)`")
        }
    }
}

extension Condition {
    static func named(_ s: String) -> Condition? { Condition.allCases.first { $0.description == s } }
}

/// The tiles of `rules/*.tiles`, indexed by the operator at their root, and the helper
/// functions of `rules/*.wat` that tiles may call.
///
/// Invariant: every tile parsed, type-checked and checked instruction by instruction; tiles of
/// one root keep their file order (ties in cost go to the earlier tile). Every defined
/// function of `helpers` is exported, its export name the symbol tiles call it by.
public struct TileSet: Sendable {
    public var tiles: [Tile]
    var byRoot: [String: [Int]] = [:]
    /// The helper functions (`rules/*.wat`, one module): compiled into an object only when
    /// its code calls them (`ModuleCompiler`).
    public var helpers: Module?

    public init(_ tiles: [Tile], helpers: Module? = nil) {
        self.tiles = tiles
        self.helpers = helpers
        for (k, t) in tiles.enumerated() { byRoot[Self.root(t.spec.pattern), default: []].append(k) }
    }

    static func root(_ p: Pattern) -> String {
        switch p {
        case .op(let op, _): op.name
        case .select(let t, _, _, _): "select.\(t)"
        case .constant(let t, _): "\(t).const"
        default: "?"
        }
    }

    func candidates(_ key: String) -> [Int] { byRoot[key] ?? [] }

    /// Parses one tiles file; what it parses to is kept in `RuleCache` in `cache` (nil: parsed
    /// every time).
    public static func parse(file: String, text: String, cache: String? = nil) throws(CompileError) -> [Tile] {
        let key = RuleCache.key(
            kind: "tiles", version: RuleArchive.version, files: [file], contents: [Array(text.utf8)])
        var specs: [TileSpec]
        if let cache, let bytes = RuleCache.read(key, in: cache), let kept = RuleArchive.decode(tiles: bytes) {
            specs = kept
        } else {
            do {
                specs = try RuleParser.parseTiles(file: file, text: text)
            } catch {
                throw CompileError(error.description)
            }
            if let cache, let bytes = RuleArchive.encode(tiles: specs) { RuleCache.write(bytes, key, in: cache) }
        }
        var out: [Tile] = []
        for s in specs { out.append(try Tile(s)) }
        return out
    }

    /// Every `*.tiles` file of `directory`, in name order, and its helper module (the one
    /// `*.wat` file there, if any).
    /// What the tiles files parse to and the helper module's binary are kept in `RuleCache`
    /// in `cache` (nil: made every time).
    public static func load(directory: String, cache: String? = RuleCache.directory) throws(CompileError) -> TileSet {
        let tiles: [RuleSource]
        let wat: [RuleSource]
        do {
            tiles = try RuleSource.read([directory], suffix: ".tiles")
            wat = try RuleSource.read([directory], suffix: ".wat")
        } catch {
            throw CompileError(error.description)
        }
        guard !tiles.isEmpty else { throw CompileError("\(directory): no *.tiles files (the lowering patterns)") }
        guard wat.count <= 1 else { throw CompileError("\(directory): more than one *.wat helper module") }
        return try load(tiles: tiles, helpers: wat.first, cache: cache)
    }

    /// The tiles of `tiles` (files in the order given) and the helper module `helpers`.
    /// Tile names must be unique; a tile with the name and text of an earlier one (the same
    /// file given twice) is dropped.
    public static func load(tiles files: [RuleSource], helpers: RuleSource?, cache: String? = RuleCache.directory)
        throws(CompileError) -> TileSet
    {
        var tiles: [Tile] = []
        var seen: [String: Tile] = [:]
        for file in files {
            for tile in try parse(file: file.file, text: String(decoding: file.bytes, as: UTF8.self), cache: cache) {
                if let first = seen[tile.spec.name] {
                    guard first.spec.pattern != tile.spec.pattern || first.spec.instructions != tile.spec.instructions
                    else { continue }
                    throw CompileError(
                        "\(tile.spec.location): tile `\(tile.spec.name)` is already defined at \(first.spec.location)")
                }
                seen[tile.spec.name] = tile
                tiles.append(tile)
            }
        }
        var helperModule: Module?
        if let helpers {
            helperModule = try parseHelpers(
                file: helpers.file, text: String(decoding: helpers.bytes, as: UTF8.self), cache: cache)
        }
        return TileSet(tiles, helpers: helperModule)
    }

    /// Decodes and validates a helper module; every defined function must be exported. The
    /// text's binary is kept in `RuleCache` in `cache` (nil: made every time).
    public static func parseHelpers(file: String, text: String, cache: String? = nil) throws(CompileError) -> Module {
        func decode(_ binary: [UInt8]) throws(WasmError) -> Module {
            var module = try WasmDecoder.decode(binary: binary, file: file)
            module.sourceMap = nil
            try WasmValidator.validate(module, file: file)
            return module
        }
        let key = RuleCache.key(kind: "helpers", version: 1, files: [file], contents: [Array(text.utf8)])
        let module: Module
        if let cache, let kept = RuleCache.read(key, in: cache), let read = try? decode(kept) {
            module = read
        } else {
            do {
                let binary = try WasmDecoder.binary(text: text, file: file)
                module = try decode(binary)
                if let cache { RuleCache.write(binary, key, in: cache) }
            } catch {
                throw CompileError(error.description)
            }
        }
        let exported = Set(
            module.exports.compactMap { e -> UInt32? in
                if case .function(let k) = e.kind { return k }
                return nil
            })
        for k in 0..<module.functions.count where !exported.contains(UInt32(module.importedFunctionCount + k)) {
            throw CompileError("\(file): helper function \(module.importedFunctionCount + k) is not exported")
        }
        return module
    }
}

/// A compile error: one line, naming the file and place when there is one.
public struct CompileError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
