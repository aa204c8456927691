import Thumb
import WasmModel

/// Tables and references (Wasm 2.0): a reference is one word (`TableLayout`: a funcref the
/// address of its function's record, an externref the host's word, null 0), so `ref.null`,
/// `ref.is_null` and `ref.func` are i32 trees; table operators read and write the table's
/// words, each bounds check done before any write, as the spec orders traps.
extension FunctionCompiler {
    /// Table `t`'s layout, or a failure naming the index.
    func layout(_ t: UInt32) throws(CompileError) -> TableLayout {
        guard Int(t) < context.tables.count else { throw fail("table \(t) out of range") }
        return context.tables[Int(t)]
    }

    /// A register holding table `t`'s current size in entries (loaded now when it can grow).
    mutating func tableSize(_ table: TableLayout) throws(CompileError) -> VReg {
        guard table.growable else { return try value(.constant(.i32, UInt64(table.initial)))[0] }
        let size = f.fresh()
        emit(.instruction(.load(.word, rt: .r0, .offset(.r1, 0)), [size, symbolAddress(table.sizeSymbol)]))
        return size
    }

    /// A trap unless `i` is below the table's size.
    mutating func checkIndex(_ i: VReg, in table: TableLayout) throws(CompileError) {
        if table.growable {
            emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [i, try tableSize(table)]))
        } else {
            try compareWith(i, UInt32(table.initial))
        }
        emit(MachineInstruction(.branch(.hs, trap), defs: [], uses: []))
    }

    /// A trap unless `[i, i + n)` lies in the table (`i + n` must neither carry nor pass the
    /// size).
    mutating func checkRange(_ i: VReg, _ n: VReg, in table: TableLayout) throws(CompileError) {
        let end = f.fresh()
        emit(.instruction(.data(.add, s: true, rd: .r0, rn: .r1, .reg(.r2)), [end, i, n]))
        emit(MachineInstruction(.branch(.hs, trap), defs: [], uses: []))
        if table.growable {
            emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [end, try tableSize(table)]))
        } else {
            try compareWith(end, UInt32(table.initial))
        }
        emit(MachineInstruction(.branch(.hi, trap), defs: [], uses: []))
    }

    /// A fresh register with the address of entry `i` of the table.
    mutating func entryAddress(_ i: VReg, in table: TableLayout) -> VReg {
        let p = f.fresh()
        emit(
            .instruction(
                .data(.add, s: false, rd: .r0, rn: .r1, .register(ShiftedRegister(.r2, .lsl, 2))),
                [p, symbolAddress(table.symbol), i]))
        return p
    }

    /// Compiles a table or reference instruction; false when `instruction` is not one.
    mutating func tableStep(_ instruction: WasmModel.Instruction) throws(CompileError) -> Bool {
        switch instruction {
        case .refNull:
            stack.append(.constant(.i32, 0))
        case .refIsNull:
            stack.append(.op(.i32Eqz, [try pop()]))
        case .refFunc(let k):
            guard Int(k) < context.functionSymbols.count else { throw fail("ref.func \(k): no such function") }
            stack.append(.registers([symbolAddress(CompileContext.functionRecordSymbol(Int(k)))], .i32))
        case .tableGet(let t):
            let table = try layout(t)
            let i = try pop()
            try forceOrdered()
            let r = try value(i)[0]
            try checkIndex(r, in: table)
            let d = f.fresh()
            emit(
                .instruction(.load(.word, rt: .r0, .register(.r1, .r2, shift: 2)), [d, symbolAddress(table.symbol), r]))
            stack.append(.registers([d], .i32))
        case .tableSet(let t):
            let table = try layout(t)
            let v = try pop()
            let i = try pop()
            try forceOrdered()
            let r = try value(i)[0]
            let x = try value(v)[0]
            try checkIndex(r, in: table)
            emit(
                .instruction(
                    .store(.word, rt: .r0, .register(.r1, .r2, shift: 2)), [x, symbolAddress(table.symbol), r]))
        case .tableSize(let t):
            let table = try layout(t)
            if table.growable {
                try forceOrdered()
                stack.append(.registers([try tableSize(table)], .i32))
            } else {
                stack.append(.constant(.i32, UInt64(table.initial)))
            }
        case .tableGrow(let t):
            let table = try layout(t)
            let n = try pop()
            let v = try pop()
            try forceOrdered()
            let x = try value(v)[0]
            stack.append(.registers([try growTable(table, by: value(n)[0], with: x)], .i32))
        case .tableFill(let t):
            let table = try layout(t)
            let n = try pop()
            let v = try pop()
            let i = try pop()
            try forceOrdered()
            let (ri, rv, rn) = (try value(i)[0], try value(v)[0], try value(n)[0])
            try checkRange(ri, rn, in: table)
            fillLoop(entryAddress(ri, in: table), with: rv, count: rn, width: .word)
        case .tableCopy(let dt, let st):
            let (dst, src) = (try layout(dt), try layout(st))
            let n = try pop()
            let s = try pop()
            let d = try pop()
            try forceOrdered()
            let (rd, rs, rn) = (try value(d)[0], try value(s)[0], try value(n)[0])
            try checkRange(rd, rn, in: dst)
            try checkRange(rs, rn, in: src)
            moveLoop(to: entryAddress(rd, in: dst), from: entryAddress(rs, in: src), count: rn, width: .word)
        case .tableInit(let segment, let t):
            let table = try layout(t)
            guard Int(segment) < context.module.elements.count else {
                throw fail("table.init: element segment \(segment) out of range")
            }
            let n = try pop()
            let s = try pop()
            let d = try pop()
            try forceOrdered()
            let (rd, rs, rn) = (try value(d)[0], try value(s)[0], try value(n)[0])
            try initializeTable(table, at: rd, segment: Int(segment), from: rs, count: rn)
        case .elemDrop(let segment):
            guard Int(segment) < context.module.elements.count else {
                throw fail("elem.drop: element segment \(segment) out of range")
            }
            try forceOrdered()
            let zero = try value(.constant(.i32, 0))[0]
            let length = symbolAddress(CompileContext.elementSymbols(Int(segment)).length)
            emit(.instruction(.store(.word, rt: .r0, .offset(.r1, 0)), [zero, length]))
        default:
            return false
        }
        return true
    }

    /// `table.grow`: the old size when the reserved storage has room for `n` more entries
    /// (each set to `x`, then the size word grows), else -1. A table that cannot grow gives
    /// its size for `n` = 0 and -1 otherwise, as Wasm allows.
    mutating func growTable(_ table: TableLayout, by n: VReg, with x: VReg) throws(CompileError) -> VReg {
        let result = f.fresh()
        let done = label()
        guard table.growable else {
            try materialize(UInt32(table.initial), into: result)
            emit(MachineInstruction(.compareBranch(nonzero: false, done), regs: [n], defs: [], uses: [n]))
            try materialize(0xFFFF_FFFF, into: result)
            emit(MachineInstruction(.label(done), defs: [], uses: []))
            return result
        }
        let fail = label()
        let size = try tableSize(table)
        let room = f.fresh()
        try materialize(UInt32(table.reserved), into: room)
        emit(.instruction(.data(.sub, s: false, rd: .r0, rn: .r0, .reg(.r1)), [room, size]))
        emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [n, room]))
        emit(MachineInstruction(.branch(.hi, fail), defs: [], uses: []))
        emit(.copy(result, size))
        let grown = sum(size, n)
        emit(.instruction(.store(.word, rt: .r0, .offset(.r1, 0)), [grown, symbolAddress(table.sizeSymbol)]))
        fillLoop(entryAddress(size, in: table), with: x, count: n, width: .word)
        emit(MachineInstruction(.branch(.al, done), defs: [], uses: []))
        emit(MachineInstruction(.label(fail), defs: [], uses: []))
        try materialize(0xFFFF_FFFF, into: result)
        emit(MachineInstruction(.label(done), defs: [], uses: []))
        return result
    }

    /// `table.init`: a trap unless `[s, s + n)` lies in the segment's current length (0 once
    /// dropped) and `[d, d + n)` in the table, then a forward word copy (a segment and a table
    /// never overlap).
    mutating func initializeTable(_ table: TableLayout, at d: VReg, segment: Int, from s: VReg, count n: VReg)
        throws(CompileError)
    {
        let names = CompileContext.elementSymbols(segment)
        checkSegmentRange(length: names.length, from: s, count: n)
        try checkRange(d, n, in: table)
        let p = entryAddress(d, in: table)
        let q = f.fresh()
        emit(
            .instruction(
                .data(.add, s: false, rd: .r0, rn: .r1, .register(ShiftedRegister(.r2, .lsl, 2))),
                [q, symbolAddress(names.items), s]))
        let c = f.fresh()
        emit(.copy(c, n))
        let done = label()
        copyForward(to: p, from: q, count: c, through: f.fresh(), done: done, width: .word)
        emit(MachineInstruction(.label(done), defs: [], uses: []))
    }

    /// `call_indirect` where function pointers are addresses (`relocated`): a call to a
    /// known function of that type is `bl`, any other `blx` of the pointer, unchecked, as a
    /// C function pointer is called natively (a wrong one is undefined in C as an access
    /// outside memory is in this model).
    mutating func callThroughPointer(_ typeIndex: Int) throws(CompileError) {
        if case .global(let g, _)? = stack.last, let k = context.functionPointers[g],
            context.functionTypes[k] == context.module.types[typeIndex]
        {
            _ = try pop()
            try call(k)
            return
        }
        let type = context.module.types[typeIndex].machine
        let (pointer, call) = try indirectOperands(type)
        let target = try value(pointer)[0]
        let uses = try placeArguments(call.regs, call.trees, types: call.types)
        emit(MachineInstruction(.callIndirect, regs: [target] + uses, defs: callClobbers, uses: [target] + uses))
        try results(type.results, buffer: call.buffer)
    }

    /// A `call_indirect`'s callee (on top of the stack) and its arguments of `type`, popped
    /// and ready to place.
    mutating func indirectOperands(_ type: FuncType) throws(CompileError) -> (
        callee: Tree, call: (regs: [[VReg]], trees: [Tree], types: [ValueType], buffer: Int?)
    ) {
        let callee = try pop()
        var args: [Tree] = []
        for _ in type.params { args.insert(try pop(), at: 0) }
        try forceOrdered()
        return (callee, try callArguments(args, type: type))
    }

    /// The code address in entry `i` (in bounds) of `table`, after a branch to `failed` when
    /// the entry is null or its function has another signature than type `typeIndex`.
    mutating func checkedEntry(_ i: VReg, in table: TableLayout, type typeIndex: Int, failing failed: Label)
        throws(CompileError) -> VReg
    {
        let record = f.fresh()
        emit(
            .instruction(
                .load(.word, rt: .r0, .register(.r1, .r2, shift: 2)), [record, symbolAddress(table.symbol), i]))
        emit(MachineInstruction(.compareBranch(nonzero: false, failed), regs: [record], defs: [], uses: [record]))
        let id = f.fresh()
        emit(.instruction(.load(.word, rt: .r0, .offset(.r1, 4)), [id, record]))
        if context.typeIDs[typeIndex] == 0 {
            emit(MachineInstruction(.compareBranch(nonzero: true, failed), regs: [id], defs: [], uses: [id]))
        } else {
            try compareWith(id, context.typeIDs[typeIndex])
            emit(MachineInstruction(.branch(.ne, failed), defs: [], uses: []))
        }
        let target = f.fresh()
        emit(.instruction(.load(.word, rt: .r0, .offset(.r1, 0)), [target, record]))
        return target
    }

    /// `call_indirect` through `table`: the index's bounds, the entry's record (a null entry
    /// traps), the record's signature id, then the call to its address; where function
    /// pointers are addresses, `callThroughPointer`.
    mutating func callIndirect(_ typeIndex: Int, table t: UInt32) throws(CompileError) {
        guard typeIndex < context.module.types.count else {
            throw fail("call_indirect: type \(typeIndex) out of range")
        }
        if context.functionPointersAreAddresses {
            try callThroughPointer(typeIndex)
            return
        }
        let table = try layout(t)
        let type = context.module.types[typeIndex].machine
        let (index, call) = try indirectOperands(type)
        if let resolved = resolvedCallee(index, type: typeIndex, table: t) {
            // Looked up at the entry (`ResolvedCallee`): 0 when the call traps.
            emit(MachineInstruction(.compareBranch(nonzero: false, trap), regs: [resolved], defs: [], uses: [resolved]))
            let uses = try placeArguments(call.regs, call.trees, types: call.types)
            emit(
                MachineInstruction(.callIndirect, regs: [resolved] + uses, defs: callClobbers, uses: [resolved] + uses))
            try results(type.results, buffer: call.buffer)
            return
        }
        let i = try value(index)[0]
        try checkIndex(i, in: table)
        let target = try checkedEntry(i, in: table, type: typeIndex, failing: trap)
        let uses = try placeArguments(call.regs, call.trees, types: call.types)
        emit(MachineInstruction(.callIndirect, regs: [target] + uses, defs: callClobbers, uses: [target] + uses))
        try results(type.results, buffer: call.buffer)
    }
}
