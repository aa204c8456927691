import Lower
import Passes
import Synchronization
import Thumb
import WasmModel

/// The `.text` bytes one function of a module compiles to, as `weft compile` would emit it:
/// what the optimizer compares when it decides, for `weft compile`, between its candidates
/// for a function (as it is, if-converted, or the input's own instructions) — Thumb-2 bytes,
/// not Wasm bytes.
///
/// Invariant: `bytes(of:code:)` runs exactly the selection, machine passes, allocation and
/// layout `ModuleCompiler` runs for that function in `module`, so the figure is the size the
/// function has in the object (alignment padding between functions aside). An estimate
/// (`thorough: false`) compiles the function once, one way, without the trials that make it
/// smaller still (address bases, invariant addresses, native pointers, split limits): what
/// inlining trials compare, at a fraction of the time; it is never what `ModuleCompiler`
/// places.
public struct FunctionSizer: Sendable {
    let context: CompileContext
    let passes: PassOptions
    /// Sizes already measured (inlining trials ask again for the same candidates).
    let memo = Memo()

    final class Memo: Sendable {
        struct Key: Hashable {
            var index: Int
            var code: ElaboratedFunction?
            var thorough = true
        }
        /// What each candidate compiled to (nil: it does not compile), with its pass figures.
        let outputs = Mutex<[Key: (output: Layout.Output, log: PassLog)?]>([:])
    }

    /// A sizer for the functions of `module` under `options` (its memory model).
    public init(module: Module, tiles: TileSet, options: CompileOptions) throws(CompileError) {
        let prepared = try ModuleCompiler.prepare(module, tiles: tiles, options: options)
        var context = prepared.context
        context.nativeParameters = ModuleCompiler.nativeParameters(prepared, options: options)
        self.context = context
        var passes = options.passes
        passes.printAfter = []
        self.passes = passes
    }

    /// The bytes function `index` (imports first) compiles to: from `code` when given, else
    /// from the module's own instructions; nil when it does not compile. Not `thorough`, an
    /// estimate: the function compiled one way only (never smaller than the thorough figure).
    public func bytes(of index: Int, code: ElaboratedFunction?, thorough: Bool = true) -> Int? {
        let key = Memo.Key(index: index, code: code, thorough: thorough)
        if let known = memo.outputs.withLock({ $0[key] }) { return known?.output.bytes.count }
        var selector = Selector(tiles: context.tiles)
        var log = PassLog()
        let output = try? ModuleCompiler.compileFunction(
            index, code: code, context: context, selector: &selector, passes: passes, thorough: thorough, log: &log)
        memo.outputs.withLock { $0[key] = output.map { ($0, log) } }
        return output?.bytes.count
    }

    /// What `bytes(of:code:)` compiled for this candidate, if it was measured and compiled:
    /// `ModuleCompiler` takes it instead of compiling the function again.
    func measured(_ index: Int, code: ElaboratedFunction?) -> (output: Layout.Output, log: PassLog)? {
        memo.outputs.withLock { $0[Memo.Key(index: index, code: code)] ?? nil }
    }
}
