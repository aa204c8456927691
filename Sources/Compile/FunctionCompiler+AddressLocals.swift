import Lower
import WasmModel

/// Locals holding an address the linker relocated (`relocated`, `task`): every write of one
/// is at the function's top level (inside no block, loop or if), and some store an address
/// global (`global.get weft.address.c`) — LLVM keeps `&global` in a local for a
/// read-modify-write (`ticks++`), and the optimizer's coalescing gives one local several
/// such values in turn. A read of such a local after an address write is that address
/// itself, the `.global` tree, so an access through it is `[base, #offset]` from a base
/// shared with the neighbouring addresses (`linkedAbsolute`) instead of its own literal held
/// in a register; after any other write it is the local's register.
///
/// Invariant: a read sees the value of the last top-level write before it in evaluation
/// order, which is the value Wasm gives it: nothing after a top-level write runs before it,
/// and no write of the local happens inside a construct (where a loop could carry another
/// value around); before the first write the local's register (zero) is read as always.
extension FunctionCompiler {
    /// The locals of `body` (instructions in evaluation order) that hold only addresses, as
    /// above; parameters never.
    static func addressLocals(_ body: [WasmModel.Instruction], parameters: Int, addresses: [Int: UInt64]) -> Set<Int> {
        var written = Set<Int>()
        for (previous, i) in zip(body, body.dropFirst()) {
            switch (previous, i) {
            case (.globalGet(let g), .localSet(let k)), (.globalGet(let g), .localTee(let k)):
                if addresses[Int(g)] != nil { written.insert(Int(k)) }
            default: break
            }
        }
        // Only top-level writes, as a frame's locals (`NativeFrame.topLevelWritten`).
        return written.intersection(NativeFrame.topLevelWritten(body)).filter { $0 >= parameters }
    }

    /// `addressLocals` of elaborated code.
    static func addressLocals(_ code: [Code], parameters: Int, addresses: [Int: UInt64]) -> Set<Int> {
        var body: [WasmModel.Instruction] = []
        Code.visit(code) { (i: WasmModel.Instruction) in body.append(i) }
        return addressLocals(body, parameters: parameters, addresses: addresses)
    }

    /// A write of address local `k` (`addressLocals`): remembered instead of computed when the
    /// value is an address global; false (write it as any other) otherwise.
    mutating func rememberAddressLocal(_ k: Int, tee: Bool) -> Bool {
        guard addressLocals.contains(k) else { return false }
        guard case .global(let g, _)? = stack.last, context.addressConstants[g] != nil else {
            addressLocalValues[k] = nil
            return false
        }
        addressLocalValues[k] = g
        if !tee { stack.removeLast() }
        return true
    }
}
