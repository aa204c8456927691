/// A seeded generator of random, valid, terminating Wasm modules (as WAT) for differential
/// testing: several functions with i32/i64 parameters and locals, structured control flow
/// (`if`/`else` with and without results, blocks left by `br_if`, counted loops, early
/// returns), memory loads and stores (mostly in bounds, sometimes not), globals, calls to
/// earlier functions (so inlining has work and nothing recurses), trapping division, and the
/// shapes the rules target (masks, shifts, selects, ring-index wraps, clamps).
///
/// Invariants: the same seed gives the same module; every module validates; every export
/// terminates (loops count down a counter nothing else writes; calls only go to functions
/// defined earlier).
public struct ProgramGenerator {
    var rng: SplitMix64

    /// Where the shadow stack starts (it grows down). The default lies inside the memory the
    /// programs address (so frames and other accesses alias); `deadStackTop` lies above it,
    /// as `--assume-dead-stack` requires.
    let stackTop: Int

    public static let deadStackTop = 0x8000

    /// Whether calls may also go through the table (`call_indirect`): every function is in
    /// it, at its own index, and an indirect call's index is mostly an earlier function of the
    /// right type, sometimes one of another type or one past the end (both trap). Off, the
    /// generator draws exactly what it drew before the option existed.
    let indirectCalls: Bool

    /// Whether every address stays in the first 8 KiB (a raw one is masked into 4 KiB too,
    /// fixed ones spread up to 8,000 + 60): for memory models that do not check accesses. Off,
    /// the generator draws exactly what it drew before the option existed; on, the same draws
    /// give the same program but for the masks and the fixed addresses.
    let inBounds: Bool

    public init(seed: UInt64, stackTop: Int = 4096, indirectCalls: Bool = false, inBounds: Bool = false) {
        rng = SplitMix64(seed: seed)
        self.stackTop = stackTop
        self.indirectCalls = indirectCalls
        self.inBounds = inBounds
    }

    enum T: String {
        case i32, i64
    }

    struct Signature {
        var params: [T]
        var result: T?
    }

    /// What a function being generated can see.
    struct Scope {
        var locals: [T]
        /// Loop counters not in use by an enclosing loop.
        var counters: Set<Int>
        /// Every counter: nothing but its loop writes it.
        var reserved: Set<Int>
        var result: T?
        var depth = 0
        /// Labels of enclosing blocks that a `br_if` may leave (depth in labels from inside).
        var blocks = 0
    }

    var signatures: [Signature] = []
    var current = 0

    mutating func pick<E>(_ xs: [E]) -> E { xs[Int(rng.next() % UInt64(xs.count))] }
    mutating func chance(_ n: UInt64) -> Bool { rng.next() % n == 0 }

    /// A module with `functions` functions, all exported as `f0`, `f1`, ..., plus an
    /// exported memory `memory` and global `g`.
    public mutating func module(functions: Int = 4) -> String {
        signatures = []
        var out = "(module\n  (memory (export \"memory\") 1)\n  (global $g (export \"g\") (mut i32) (i32.const 0))\n"
        out += "  (global $__stack_pointer (export \"__stack_pointer\") (mut i32) (i32.const \(stackTop)))\n"
        out += "  (data (i32.const 0) \"\\01\\02\\03\\04\\05\\06\\07\\08\\f0\\ff\\7f\\80\\00\\10\\20\\40\")\n"
        for k in 0..<functions {
            current = k
            let params = (0..<Int(rng.next() % 4)).map { _ in pick([T.i32, .i32, .i64]) }
            let result: T? = chance(5) ? nil : pick([T.i32, .i32, .i64])
            signatures.append(Signature(params: params, result: result))
            out += function(k, Signature(params: params, result: result))
        }
        if indirectCalls {
            out += "  (table \(functions) funcref)\n"
            out += "  (elem (i32.const 0)" + (0..<functions).map { " $f\($0)" }.joined() + ")\n"
        }
        return out + ")\n"
    }

    /// The exports and their parameter types ("i32"/"i64"), for calling them.
    public var exports: [(name: String, params: [String])] {
        signatures.enumerated().map { ("f\($0.offset)", $0.element.params.map(\.rawValue)) }
    }

    mutating func function(_ k: Int, _ sig: Signature) -> String {
        let extra = (0..<Int(1 + rng.next() % 4)).map { _ in pick([T.i32, .i32, .i64]) }
        // Two counters for loops, never written by anything else.
        let locals = sig.params + extra + [.i32, .i32]
        let counters: Set<Int> = [locals.count - 2, locals.count - 1]
        var scope = Scope(locals: locals, counters: counters, reserved: counters, result: sig.result)
        var text = "  (func $f\(k) (export \"f\(k)\")"
        for p in sig.params { text += " (param \(p.rawValue))" }
        if let r = sig.result { text += " (result \(r.rawValue))" }
        for l in extra + [.i32, .i32] { text += " (local \(l.rawValue))" }
        text += "\n"
        for _ in 0..<Int(2 + rng.next() % 5) { text += "    " + statement(&scope) + "\n" }
        if let r = sig.result { text += "    " + expr(r, &scope, depth: 3) + "\n" }
        return text + "  )\n"
    }

    func locals(_ t: T, _ scope: Scope) -> [Int] {
        scope.locals.indices.filter { scope.locals[$0] == t && !scope.reserved.contains($0) }
    }

    /// An address: mostly masked into the first 4 KiB, sometimes a raw value (may trap; masked
    /// too when `inBounds`).
    mutating func address(_ scope: inout Scope) -> String {
        if chance(12) {
            let raw = expr(.i32, &scope, depth: 1)
            return inBounds ? "(i32.and \(raw) (i32.const 0xFF8))" : raw
        }
        if chance(3) {
            // In bounds, fixed addresses spread over 8 KiB: `linked` reaches those past 4 KiB from
            // bases of their own.
            return "(i32.const \(pick(inBounds ? [0, 4, 132, 1024, 4096, 5000, 8000] : [0, 4, 8, 12, 16, 64, 1024])))"
        }
        return "(i32.and \(expr(.i32, &scope, depth: 2)) (i32.const \(pick([0xFF8, 0xFFC, 0x3F, 0x7F0]))))"
    }

    mutating func statement(_ scope: inout Scope) -> String {
        let deep = scope.depth >= 3
        switch rng.next() % (deep ? 6 : 11) {
        case 0, 1:
            let t = pick([T.i32, .i32, .i64])
            guard let x = locals(t, scope).randomElement(using: &rng) else { return "(nop)" }
            return "(local.set \(x) \(expr(t, &scope, depth: 3)))"
        case 2:
            let t = pick([T.i32, .i64])
            let op = t == .i32 ? pick(["i32.store", "i32.store8", "i32.store16"]) : pick(["i64.store", "i64.store32"])
            let offset = pick(["", "", " offset=4", " offset=8", " offset=52"])
            return "(\(op)\(offset) \(address(&scope)) \(expr(t, &scope, depth: 2)))"
        case 3: return "(global.set $g \(expr(.i32, &scope, depth: 2)))"
        case 4:
            let callees = signatures.indices.filter { $0 < current }
            guard let f = callees.randomElement(using: &rng) else { return "(nop)" }
            let call = call(f, &scope)
            return signatures[f].result == nil ? call : "(drop \(call))"
        case 5:
            // Shadow-stack frames (LLVM's idiom): allocated, written, read back or not,
            // released; sometimes a slot never written is read, or the frame's address escapes.
            let sp = "$__stack_pointer"
            guard let x = locals(.i32, scope).randomElement(using: &rng) else { return "(nop)" }
            // The value stored may not write the local that holds the frame's address.
            scope.reserved.insert(x)
            let v = expr(.i32, &scope, depth: 2)
            scope.reserved.remove(x)
            switch rng.next() % 3 {
            case 0:
                return """
                    (global.set \(sp) (i32.sub (global.get \(sp)) (i32.const 16))) \
                    (i32.store offset=8 (global.get \(sp)) \(v)) \
                    (local.set \(x) (i32.load offset=8 (global.get \(sp)))) \
                    (global.set \(sp) (i32.add (global.get \(sp)) (i32.const 16)))
                    """
            case 1:
                // Written only: a dead frame once the stack is assumed dead.
                return """
                    (local.set \(x) (i32.sub (global.get \(sp)) (i32.const 32))) \
                    (global.set \(sp) (local.get \(x))) \
                    (i32.store offset=4 (local.get \(x)) \(v)) \
                    (i32.store16 offset=30 (local.get \(x)) (local.get \(x))) \
                    (global.set \(sp) (i32.add (local.get \(x)) (i32.const 32)))
                    """
            default:
                // A slot never written holds what an earlier frame left: dead memory, which a
                // program may not read when the stack is assumed dead.
                let read = stackTop == Self.deadStackTop ? 4 : pick([0, 4, 8])
                let escape = chance(2) ? "(global.set $g (global.get \(sp))) " : ""
                return """
                    (global.set \(sp) (i32.sub (global.get \(sp)) (i32.const 16))) \
                    (i32.store offset=4 (global.get \(sp)) \(v)) \(escape)\
                    (local.set \(x) (i32.load offset=\(read) (global.get \(sp)))) \
                    (global.set \(sp) (i32.add (global.get \(sp)) (i32.const 16)))
                    """
            }
        case 6, 7:
            scope.depth += 1
            defer { scope.depth -= 1 }
            let cond = expr(.i32, &scope, depth: 2)
            let a = (0..<Int(1 + rng.next() % 3)).map { _ in statement(&scope) }.joined(separator: " ")
            if chance(2) { return "(if \(cond) (then \(a)))" }
            let b = (0..<Int(1 + rng.next() % 2)).map { _ in statement(&scope) }.joined(separator: " ")
            return "(if \(cond) (then \(a)) (else \(b)))"
        case 8:
            scope.depth += 1
            scope.blocks += 1
            defer {
                scope.depth -= 1
                scope.blocks -= 1
            }
            var body = ""
            for _ in 0..<Int(1 + rng.next() % 3) {
                body += " " + statement(&scope)
                if chance(2) { body += " (br_if \(rng.next() % UInt64(1)) \(expr(.i32, &scope, depth: 2)))" }
            }
            return "(block\(body))"
        case 9:
            // A counted loop: at most 5 iterations, whatever its body does.
            guard let counter = scope.counters.randomElement(using: &rng) else { return "(nop)" }
            scope.counters.remove(counter)
            scope.depth += 1
            defer {
                scope.depth -= 1
                scope.counters.insert(counter)
            }
            let body = (0..<Int(1 + rng.next() % 3)).map { _ in statement(&scope) }.joined(separator: " ")
            return """
                (local.set \(counter) (i32.const \(1 + rng.next() % 5))) \
                (loop \(body) \
                (local.set \(counter) (i32.sub (local.get \(counter)) (i32.const 1))) \
                (br_if 0 (local.get \(counter))))
                """
        default:
            guard let r = scope.result else {
                return chance(2) ? "(if \(expr(.i32, &scope, depth: 1)) (then (return)))" : "(nop)"
            }
            return "(if \(expr(.i32, &scope, depth: 1)) (then (return \(expr(r, &scope, depth: 2)))))"
        }
    }

    /// A call of earlier function `f`: direct, or (with `indirectCalls`, one time in two)
    /// through the table at an index that is `f` or, by a condition, another earlier function
    /// or one far past the table (so it never recurses).
    mutating func call(_ f: Int, _ scope: inout Scope) -> String {
        guard indirectCalls, chance(2) else { return "(call $f\(f)\(arguments(f, &scope)))" }
        let sig = signatures[f]
        var type = sig.params.map { " (param \($0.rawValue))" }.joined()
        if let r = sig.result { type += " (result \(r.rawValue))" }
        let args = arguments(f, &scope)
        let index: String
        if chance(3) {
            let other = chance(4) ? 0x100 : Int(rng.next() % UInt64(current))
            index = "(select (i32.const \(f)) (i32.const \(other)) \(expr(.i32, &scope, depth: 1)))"
        } else {
            index = "(i32.const \(f))"
        }
        return "(call_indirect\(type)\(args) \(index))"
    }

    mutating func arguments(_ f: Int, _ scope: inout Scope) -> String {
        signatures[f].params.map { " " + expr($0, &scope, depth: 2) }.joined()
    }

    mutating func constant(_ t: T) -> String {
        let v: Int64 = pick([
            0, 1, 2, 3, 5, 6, 7, 8, 12, 16, 24, 31, 32, 63, 255, 256, 2047, -2048, -1, 0x7FFF_FFFF, -0x8000_0000,
        ])
        return "(\(t.rawValue).const \(v))"
    }

    mutating func expr(_ t: T, _ scope: inout Scope, depth: Int) -> String {
        if depth <= 0 || chance(4) {
            if let x = locals(t, scope).randomElement(using: &rng), !chance(3) { return "(local.get \(x))" }
            return constant(t)
        }
        func sub(_ u: T? = nil) -> String { expr(u ?? t, &scope, depth: depth - 1) }
        let p = t.rawValue
        switch rng.next() % 16 {
        case 0, 1, 2:
            let op = pick(["add", "sub", "mul", "and", "or", "xor", "shl", "shr_u", "shr_s", "rotl", "rotr"])
            return "(\(p).\(op) \(sub()) \(sub()))"
        case 3:
            let op = pick(["div_u", "rem_u", "div_s", "rem_s"])
            let d = chance(3) ? sub() : constant(t)
            return "(\(p).\(op) \(sub()) \(d))"
        case 4:
            let u = pick([T.i32, .i64])
            let op = pick(["eq", "ne", "lt_u", "lt_s", "gt_u", "gt_s", "le_u", "ge_s"])
            let cmp = "(\(u.rawValue).\(op) \(sub(u)) \(sub(u)))"
            return t == .i32 ? cmp : "(i64.extend_i32_u \(cmp))"
        case 5: return "(select \(sub()) \(sub()) \(expr(.i32, &scope, depth: depth - 1)))"
        case 6:
            if t == .i32 { return "(i32.wrap_i64 \(sub(.i64)))" }
            return "(i64.extend_i32_\(pick(["s", "u"])) \(sub(.i32)))"
        case 7:
            let offset = pick(["", " offset=1", " offset=4", " offset=52"])
            let op =
                t == .i32
                ? pick(["i32.load", "i32.load8_u", "i32.load8_s", "i32.load16_u", "i32.load16_s"])
                : pick(["i64.load", "i64.load32_u", "i64.load8_s"])
            return "(\(op)\(offset) \(address(&scope)))"
        case 8:
            if let x = locals(t, scope).randomElement(using: &rng) { return "(local.tee \(x) \(sub()))" }
            return sub()
        case 9:
            let callees = signatures.indices.filter { $0 < current && signatures[$0].result == t }
            guard let f = callees.randomElement(using: &rng) else { return sub() }
            return call(f, &scope)
        case 10:
            // An if with a result: a diamond that only computes values.
            return "(if (result \(p)) \(expr(.i32, &scope, depth: depth - 1)) (then \(sub())) (else \(sub())))"
        case 11:
            // Ring-index wrap and clamp shapes.
            let i = sub()
            let n = constant(t)
            if chance(2) {
                return
                    "(select (\(p).const 0) (\(p).add \(i) (\(p).const 1)) (\(p).eq (\(p).add \(i) (\(p).const 1)) \(n)))"
            }
            return "(select \(n) \(i) (\(p).gt_s \(i) \(n)))"
        case 12:
            let op =
                t == .i32
                ? pick(["i32.eqz", "i32.clz", "i32.ctz", "i32.popcnt", "i32.extend8_s"])
                : pick(["i64.clz", "i64.extend16_s", "i64.popcnt"])
            return "(\(op) \(op == "i32.eqz" ? expr(.i32, &scope, depth: depth - 1) : sub()))"
        case 13: return t == .i32 ? "(global.get $g)" : "(i64.extend_i32_s (global.get $g))"
        case 14:
            // A block with a result left early by br_if.
            return "(block (result \(p)) (br_if 0 \(sub()) \(expr(.i32, &scope, depth: depth - 1))) (drop) \(sub()))"
        default:
            return "(\(p).and \(sub()) \(constant(t)))"
        }
    }
}

extension SplitMix64: RandomNumberGenerator {}
