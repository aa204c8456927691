import Thumb
import WasmModel

/// Calls per the AAPCS: arguments in r0–r3 then the stack (64-bit values in an even pair or
/// an aligned slot), results from r0–r3; `call_indirect` checks the table's bounds and the
/// entry's signature id first.
extension FunctionCompiler {
    /// The AAPCS words of each argument: 0–3 are r0–r3, 4 on the caller's stack; a 64-bit
    /// value takes an even register pair or an 8-byte aligned stack slot, and once one
    /// argument went to the stack every later one does.
    static func argumentPlaces(_ types: [ValueType]) -> [[Int]] {
        var next = 0
        var stack = 0
        var out: [[Int]] = []
        for t in types {
            if t.words == 2 {
                if next % 2 == 1 { next += 1 }
                if next + 2 <= 4 {
                    out.append([next, next + 1])
                    next += 2
                } else {
                    next = 4
                    if stack % 2 == 1 { stack += 1 }
                    out.append([4 + stack, 5 + stack])
                    stack += 2
                }
            } else if next < 4 {
                out.append([next])
                next += 1
            } else {
                out.append([4 + stack])
                stack += 1
            }
        }
        return out
    }

    /// The registers of a call's arguments, computed in order; an i32 constant passed in a
    /// register is left out (empty) for `placeArguments` to put straight into its register.
    mutating func argumentValues(_ args: [Tree], types: [ValueType]) throws(CompileError) -> [[VReg]] {
        let places = Self.argumentPlaces(types)
        var regs: [[VReg]] = []
        for (k, a) in args.enumerated() {
            if case .constant(.i32, _) = a, places[k].allSatisfy({ $0 < 4 }) {
                regs.append([])
            } else {
                regs.append(try value(a))
            }
        }
        return regs
    }

    /// Places arguments per the AAPCS; the registers the call reads. Constants left out by
    /// `argumentValues` are materialized in their registers after the moves.
    mutating func placeArguments(_ args: [[VReg]], _ trees: [Tree], types: [ValueType]) throws(CompileError)
        -> [VReg]
    {
        let places = Self.argumentPlaces(types)
        var uses: [VReg] = []
        for (k, place) in places.enumerated() {
            guard !args[k].isEmpty else { continue }
            for (h, word) in place.enumerated() {
                if word < 4 {
                    let r = VReg(Register(rawValue: UInt8(word)) ?? .r0)
                    emit(.copy(r, args[k][h]))
                    uses.append(r)
                } else {
                    emit(
                        MachineInstruction(
                            .storeArgument(word: word - 4), regs: [args[k][h]], defs: [], uses: [args[k][h]]))
                    f.outgoingWords = max(f.outgoingWords, word - 3)
                }
            }
        }
        for (k, place) in places.enumerated() where args[k].isEmpty {
            guard case .constant(_, let v) = trees[k], let word = place.first else { continue }
            let r = VReg(Register(rawValue: UInt8(word)) ?? .r0)
            try materialize(UInt32(truncatingIfNeeded: v), into: r)
            uses.append(r)
        }
        return uses
    }

    /// Whether a function's results come back through memory: more than four words do not
    /// fit r0–r3, so the caller passes a buffer's address as a hidden first argument (in r0,
    /// as the AAPCS passes a large composite's) and the callee stores the results there.
    static func returnsInMemory(_ results: [ValueType]) -> Bool {
        results.reduce(0) { $0 + $1.words } > 4
    }

    /// The parameters of a call as the AAPCS places them: the hidden buffer address first
    /// when the results come back through memory.
    static func callParameters(_ type: FuncType) -> [ValueType] {
        returnsInMemory(type.results) ? [.i32] + type.params : type.params
    }

    /// Each result's byte offset in the result buffer, laid out as a C struct of the result
    /// types (a 64-bit value 8-byte aligned), and the buffer's size (a multiple of 8).
    static func resultOffsets(_ results: [ValueType]) -> (offsets: [Int], bytes: Int) {
        var offsets: [Int] = []
        var next = 0
        for t in results {
            let size = 4 * t.words
            next = (next + size - 1) / size * size
            offsets.append(next)
            next += size
        }
        return (offsets, (next + 7) / 8 * 8)
    }

    /// A call's arguments computed (`argumentValues`), with the hidden buffer address first
    /// when the callee's results come back through memory (the buffer in the outgoing area
    /// above the stack arguments, 8-byte aligned): what `placeArguments` takes, and the
    /// buffer's offset from sp.
    mutating func callArguments(_ args: [Tree], type: FuncType) throws(CompileError) -> (
        regs: [[VReg]], trees: [Tree], types: [ValueType], buffer: Int?
    ) {
        let params = Self.callParameters(type)
        var trees = args
        var buffer: Int?
        if Self.returnsInMemory(type.results) {
            let stackWords = Self.argumentPlaces(params).joined().map { $0 - 3 }.max() ?? 0
            let word = (max(0, stackWords) + 1) / 2 * 2
            f.outgoingWords = max(f.outgoingWords, word + Self.resultOffsets(type.results).bytes / 4)
            let address = f.fresh()
            emit(.instruction(.data(.add, s: false, rd: .r0, rn: .sp, .immediate(UInt32(4 * word))), [address]))
            trees.insert(.registers([address], .i32), at: 0)
            buffer = 4 * word
        }
        return (try argumentValues(trees, types: params), trees, params, buffer)
    }

    /// A call's results onto the stack: from r0–r3, or from the buffer at sp + `buffer`.
    mutating func results(_ types: [ValueType], buffer: Int?) throws(CompileError) {
        guard let buffer else { return try results(types) }
        let offsets = Self.resultOffsets(types).offsets
        for (k, t) in types.enumerated() {
            let r = fresh(t)
            for (h, d) in r.enumerated() {
                emit(.instruction(.load(.word, rt: .r0, .offset(.sp, Int32(buffer + offsets[k] + 4 * h))), [d]))
            }
            stack.append(.registers(r, t))
        }
    }

    mutating func results(_ types: [ValueType]) throws(CompileError) {
        var word = 0
        for t in types {
            let r = fresh(t)
            for d in r {
                emit(.copy(d, VReg(Register(rawValue: UInt8(word)) ?? .r0)))
                word += 1
            }
            stack.append(.registers(r, t))
        }
    }

    mutating func call(_ callee: Int) throws(CompileError) {
        let type = context.functionTypes[callee].machine
        var args: [Tree] = []
        for _ in type.params { args.insert(try pop(), at: 0) }
        try forceOrdered()
        if context.memory.allowsNativePointers { notePassed(args, to: callee) }
        args = try physicalArguments(args, callee: callee)
        let call = try callArguments(args, type: type)
        let uses = try placeArguments(call.regs, call.trees, types: call.types)
        let words = call.buffer == nil ? type.results.reduce(0) { $0 + $1.words } : nil
        let clobbers = context.clobbers(ofCall: callee, resultWords: words)
        emit(MachineInstruction(.call(context.functionSymbols[callee]), regs: uses, defs: clobbers, uses: uses))
        try results(type.results, buffer: call.buffer)
    }
}
