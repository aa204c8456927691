import Compile
import ELF
import Lower
import Passes
import Rewrite
import Rules
import WasmDecode
import WasmModel
import WasmValidate

/// `weft compile` as one value, run alike by the CLI and the tests: decode → validate →
/// (with an optimizer) lift, saturate, extract by Thumb-2 tile bytes and elaborate each
/// function → select tiles → allocate registers → lay out → an ELF relocatable object.
///
/// Invariant: between the input's validation and the object nothing is Wasm bytes: a
/// function the optimizer lowered reaches the selector as its elaborated code trees
/// (`PassContext.elaborated`), any other one from the input's instructions. Functions
/// nothing can reach (`RemoveUnusedFunctions.reachable`) are not compiled; function indices
/// (and so the `weft_fN` symbols) are the input's.
public struct CompilePipeline: Sendable {
    public var tiles: TileSet
    public var options: CompileOptions
    /// The optimizer run before compiling; nil compiles the module as it is.
    public var optimizer: SaturatePass?
    /// Which functions the optimizer also extracts exactly (`ExactExtractor`).
    public var exact: ExactScope = .hot

    /// Compiles with `options`; with `rules`, optimizes first as `weft optimize` does, except
    /// that extraction prices operators by their tile bytes (`ThumbSizeCost`).
    public init(
        tiles: TileSet, options: CompileOptions = CompileOptions(), rules: RuleSet?,
        limits: SaturationLimits = SaturationLimits(), inlining: InlineOptions = InlineOptions(),
        assumptions: Assumptions = Assumptions()
    ) {
        var options = options
        if assumptions.deadStack { options.nativeFrames = true }
        self.init(
            tiles: tiles, options: options,
            optimizer: rules.map {
                Self.optimizer(rules: $0, tiles: tiles, limits: limits, inlining: inlining, assumptions: assumptions)
            })
    }

    /// Compiles with `options` after `optimizer` (one made by `optimizer(rules:...)` can be
    /// kept and shared by many pipelines: its rules are compiled once). `options.passes`
    /// applies to the optimizer's passes too.
    public init(tiles: TileSet, options: CompileOptions = CompileOptions(), optimizer: SaturatePass?) {
        self.tiles = tiles
        self.options = options
        self.optimizer = optimizer
    }

    /// The optimizer `weft compile` runs: `weft optimize`'s saturation with extraction by tile
    /// bytes.
    public static func optimizer(
        rules: RuleSet, tiles: TileSet, limits: SaturationLimits = SaturationLimits(),
        inlining: InlineOptions = InlineOptions(), assumptions: Assumptions = Assumptions()
    ) -> SaturatePass {
        SaturatePass(
            rules: rules, limits: limits, inlining: inlining, assumptions: assumptions,
            extraction: ThumbSizeCost(tiles: tiles))
    }

    /// Why a module was not compiled: it is not a valid module, or it uses what `weft
    /// compile` does not support (the compiler's message, for the input `file`).
    public enum Failure: Error, CustomStringConvertible {
        case invalid(WasmError)
        case unsupported(file: String, CompileError)

        /// The error as one line naming the input.
        public var error: WasmError {
            switch self {
            case .invalid(let e): e
            case .unsupported(let file, let e): WasmError(file: file, location: .unknown, message: e.description)
            }
        }

        public var description: String { error.description }
    }

    /// What a run gave: the object, the module as optimized (the functions the object was
    /// compiled from, by the input's indices), and the optimizer's statistics.
    public struct Output: Sendable {
        public var compiled: CompiledModule
        public var object: [UInt8]
        public var module: Module
        public var statistics: [String]
        /// Figures of the skeleton, code and machine passes, and what `--print-after` printed.
        public var passes: PassLog
    }

    /// Compiles a binary or text module.
    public func run(_ input: [UInt8], file: String) throws(Failure) -> Output {
        let module: Module
        do {
            module = try WasmDecoder.decode(input, file: file)
        } catch {
            throw .invalid(error)
        }
        return try run(module, file: file)
    }

    /// Compiles a decoded module (validated here first).
    public func run(_ input: Module, file: String) throws(Failure) -> Output {
        var module = input
        var context = PassContext(file: file)
        var sizer: FunctionSizer?
        var options = self.options
        // Frames the optimizer may assume dead go to the native stack (`NativeFrame`).
        if optimizer?.assumptions.deadStack == true { options.nativeFrames = true }
        do throws(WasmError) {
            try WasmValidator.validate(module, file: file)
        } catch {
            throw .invalid(error)
        }
        if options.memory.needsRelocations {
            // Addresses made symbolic before anything folds them (`RelocatedAddresses`).
            do throws(CompileError) {
                module = try RelocatedAddresses.rewrite(module)
            } catch {
                throw .unsupported(file: file, error)
            }
        }
        do throws(WasmError) {
            if var optimizer {
                // Every model but `checked` computes addresses modulo 2^32 unchecked: the
                // wrapping load/store rules apply (`Assumptions.addressesWrap`).
                optimizer.assumptions.addressesWrap = options.memory != .checked
                try SimplifyGlobals().run(&module, context: &context)
                optimizer.passOptions = options.passes
                optimizer.exactExtraction = exact.options(hot: options.hot)
                // The optimizer chooses between a function's candidates by their Thumb-2 bytes.
                if let measure = try? FunctionSizer(module: module, tiles: tiles, options: options) {
                    optimizer.targetSize = { measure.bytes(of: $0, code: $1, thorough: $2) }
                    sizer = measure
                }
                try optimizer.run(&module, context: &context)
                #if DEBUG
                    // A checkpoint for the tests: the lowered functions still form a valid module.
                    try Pipeline.checkpoint(&module, after: optimizer.name, file: file)
                #endif
            }
        } catch {
            throw .invalid(error)
        }
        let imported = module.importedFunctionCount
        let live = RemoveUnusedFunctions.reachable(module, bodies: module.functions)
        options.functions = Set(live.indices.filter { $0 >= imported && live[$0] })
        do throws(CompileError) {
            let compiled = try ModuleCompiler.compile(
                module, elaborated: context.elaborated, tiles: tiles, options: options, sizer: sizer)
            let object: [UInt8]
            do {
                object = try ELFWriter.write(compiled.object)
            } catch {
                throw CompileError("\(error)")
            }
            var passes = context.passes
            passes.absorb(compiled.passes)
            return Output(
                compiled: compiled, object: object, module: module, statistics: context.statistics, passes: passes)
        } catch {
            throw .unsupported(file: file, error)
        }
    }
}
