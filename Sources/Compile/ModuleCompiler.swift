import Dispatch
import ELF
import Lower
import Passes
import Thumb
import WasmModel

/// Options of `weft compile`.
public struct CompileOptions: Sendable {
    /// The memory model; `linked` (what a firmware ships: docs/compile.md) unless given.
    public var memory: MemoryModel = .linked
    /// Export names to compile (with what they call); empty: every function.
    public var hot: [String] = []
    /// For test harnesses: a function weft cannot compile becomes a trapping stub (listed in
    /// `CompiledModule.unsupported`) instead of failing the module.
    public var stubUnsupported = false
    /// When `hot` is empty: the defined functions to compile (by function index, imports
    /// first), or nil for every one. `weft_init` is compiled whenever it is needed.
    public var functions: Set<Int>?
    /// Which machine passes run, which are printed after, whether each is verified.
    public var passes = PassOptions()
    /// For tests: every function allocated by the register allocator's last resort (every
    /// value in its own stack slot), as functions no coloring settles are.
    public var spillEverywhere = false
    /// For tests: every i32 local a function reaches memory through (and its partners) held
    /// as a physical address whether or not that is smaller (`NativePointers`).
    public var everyNativePointer = false
    /// Bytes of storage to reserve for linear memory (`--memory-size`); nil: what the module
    /// says it uses (`MemoryReservation`).
    public var memorySize: UInt64?
    /// `--memory mpu`: the MPU region number `weft_init` programs for linear memory (0–7).
    public var mpuRegion: UInt8 = 7
    /// `--assume-dead-stack`: shadow-stack frames go to the native stack (`NativeFrame`) in the
    /// models that do not check accesses (optional pass `native-frames`).
    public var nativeFrames = false

    public init(memory: MemoryModel = .linked, hot: [String] = [], memorySize: UInt64? = nil) {
        self.memory = memory
        self.hot = hot
        self.memorySize = memorySize
    }
}

/// What compiling a module gave: the object and, per function, its code bytes.
public struct CompiledModule: Sendable {
    public var object: ObjectFile
    /// Symbol and `.text` bytes of each compiled function, in order.
    public var functions: [(symbol: String, bytes: Int)]
    /// Undefined symbols the object needs: imports and the AEABI / libgcc helpers.
    public var undefined: [String]
    /// With `stubUnsupported`: the functions (and segments) left out, with the reason.
    public var unsupported: [(symbol: String, reason: String)] = []
    /// The symbol of every function index (imports first).
    public var functionSymbols: [String] = []
    /// Figures of the machine passes, and the functions printed after them.
    public var passes = PassLog()
    /// The storage linear memory got, and why.
    public var memory: MemoryReservation?
    /// The laid-out code of `.text`, each piece with its offset there (what `weft compile -S`
    /// lists; see `assembly`).
    public var code: [(offset: Int, output: Layout.Output)] = []
}

/// A whole module into an ELF relocatable object for Cortex-M3:
///
/// - `.text`: each compiled function, a global symbol for an export (its export name), a
///   local one otherwise; imported functions are undefined symbols (their field name)
///   reached by `bl`, as are the helpers (`__aeabi_*`) tiles call.
/// - `.data`: the linear memory `weft_memory` first (its initial size, data segments in
///   place), then each mutable or exported global (`weft_global_N`, or its export name) and
///   each whose initial value reads an imported global.
/// - `weft_init` (global, only when needed): sets the globals whose initial value reads an
///   imported global, then calls the start function; the host calls it once, before any
///   export, as a Wasm instantiation would.
/// - Tables (`TableLayout`): one reference a word, table 0 at `weft_table`, table N at
///   `weft_table_N`; in `.rodata` unless code writes it or it is exported (then `.data`, with
///   its size word when it grows). A funcref is the address of the function's record
///   `weft_funcref_N` in `.rodata` (its Thumb address, then its signature id, which
///   `call_indirect` checks); null is 0.
/// - Element segments `table.init` / `elem.drop` name: items in `.rodata`, a length word in
///   `.data` (0 once dropped).
public enum ModuleCompiler {
    /// Compiles `module`; a function with an entry in `elaborated` (by function index) is
    /// compiled from that structured code, the others from their instructions.
    /// A function `sizer` already compiled (the optimizer measured it) is taken from it.
    public static func compile(
        _ module: Module, elaborated: [UInt32: ElaboratedFunction] = [:], tiles: TileSet,
        options: CompileOptions = CompileOptions(), sizer: FunctionSizer? = nil
    ) throws(CompileError) -> CompiledModule {
        let prepared = try prepare(module, tiles: tiles, options: options)
        var context = prepared.context
        // The sizer's outputs are reused: its functions' parameters are the ones to keep.
        context.nativeParameters = sizer?.context.nativeParameters ?? nativeParameters(prepared, options: options)
        if let sizer { context.allocations = sizer.context.allocations }
        let module = context.module
        let imported = module.importedFunctionCount
        let importedGlobalCount = module.importedGlobalCount
        let (functionSymbols, globalSymbols) = (context.functionSymbols, context.globalSymbols)
        let (memoryBytes, typeIDs) = (context.memoryBytes, context.typeIDs)
        let (exportedFunctions, exportedGlobals) = (prepared.exportedFunctions, prepared.exportedGlobals)
        let (globalValues, runtimeGlobals) = (prepared.globalValues, prepared.runtimeGlobals)
        let initFunction = prepared.initFunction
        let (tableContents, elementItems) = (prepared.tableContents, prepared.elementItems)
        let globalReferences = prepared.globalReferences
        var unsupported = prepared.unsupported

        // Which functions: the hot exports and everything they reach (calls, the table).
        var compile = Set<Int>()
        if options.hot.isEmpty {
            compile = options.functions ?? Set(imported..<(imported + module.functions.count))
            if let initFunction { compile.insert(initFunction) }
        } else {
            var work: [Int] = []
            for name in options.hot {
                guard let e = module.exports.first(where: { $0.name == name }), case .function(let k) = e.kind else {
                    throw CompileError("--hot \(name): no exported function of that name")
                }
                work.append(Int(k))
            }
            if let initFunction { work.append(initFunction) }
            work += globalReferences.values.sorted()  // a global may hand its function to a table
            if context.functionPointersAreAddresses {
                // `relocated`: the data holds the addresses of the table's functions.
                work += tableContents.joined().compactMap { $0 }
            }
            var usesTable = false
            while let k = work.popLast() {
                guard k >= imported, compile.insert(k).inserted else { continue }
                for i in module.functions[k - imported].body {
                    if case .call(let c) = i { work.append(Int(c)) }
                    if case .refFunc(let c) = i { work.append(Int(c)) }
                    if case .callIndirect = i { usesTable = true }
                }
                if usesTable {
                    // Whatever a table may hold: its initial entries, any segment's items.
                    usesTable = false
                    work += tableContents.joined().compactMap { $0 } + elementItems.joined().compactMap { $0 }
                }
            }
        }

        var object = ObjectFile()
        var selector = Selector(tiles: tiles)
        var compiled: [(String, Int)] = []
        var undefined = Set<String>()
        var passLog = PassLog()
        var code: [(offset: Int, output: Layout.Output)] = []
        let physicalParameters = context.nativeParameters.values.reduce(0) { $0 + $1.count }
        if physicalParameters > 0 { passLog.add("pointer parameters passed as addresses", physicalParameters) }
        /// Appends a function's code to `.text` (word aligned), its relocations and symbol.
        func place(_ output: Layout.Output, symbol: String, global: Bool) {
            undefined.formUnion(object.appendFunction(output, symbol: symbol, global: global))
            code.append((object.text.count - output.bytes.count, output))
            compiled.append((symbol, output.bytes.count))
        }

        // Every function on its own (`Parallel`), callees before their callers (`CallClobbers`:
        // a call writes only what its callee's code writes), then placed in index order.
        let order = compile.sorted()
        var results: [Int: (output: Result<Layout.Output, CompileError>, log: PassLog)] = [:]
        let narrows = options.passes.runs(MachinePasses.callClobbers, optional: true)
        for (k, symbol) in functionSymbols.enumerated() { context.functionIndex[symbol] = k }
        for wave in CallClobbers.waves(order, module: module) {
            let shared = context
            let outputs = Parallel.map(count: wave.count, jobs: options.passes.jobs) {
                (i: Int) -> (output: Result<Layout.Output, CompileError>, log: PassLog) in
                compileInWave(
                    wave[i], code: elaborated[UInt32(wave[i])], context: shared, sizer: sizer, options: options)
            }
            for (k, result) in zip(wave, outputs) {
                results[k] = result
                if narrows, case .success(let output) = result.output {
                    context.calleeClobbers[k] = CallClobbers.written(by: output.items, context: context)
                }
            }
        }
        var laid: [(symbol: String, global: Bool, output: Layout.Output)] = []
        for k in order {
            guard let compiled = results[k] else { continue }
            passLog.absorb(compiled.log)
            let output: Layout.Output
            switch compiled.output {
            case .success(let o): output = o
            case .failure(let error):
                guard options.stubUnsupported else { throw error }
                unsupported.append((functionSymbols[k], error.description))
                output = Layout.Output(
                    bytes: [0x00, 0xDE], labels: [:], fixups: [], data: [], relaxed: 0, items: [.instruction(.udf(0))])
            }
            laid.append((functionSymbols[k], exportedFunctions[k] != nil, output))
        }
        // Neighbours laid out together share their literal pools (`SharedPools`).
        if options.passes.runs(MachinePasses.shareLiteralPools, optional: true), laid.count > 1 {
            let (items, bounds) = SharedPools.combine(
                laid.map(\.output.items), sizes: laid.map(\.output.bytes.count), reach: SharedPools.reach)
            var layout = Layout(items)
            let output: Layout.Output
            do {
                output = try layout.assemble()
            } catch {
                throw CompileError("laying out functions together: \(error)")
            }
            let functions = zip(laid, bounds).map { (symbol: $0.symbol, global: $0.global, bounds: $1) }
            undefined.formUnion(object.appendFunctions(output, functions: functions))
            code.append((object.text.count - output.bytes.count, output))
            for f in functions { compiled.append((f.symbol, f.bounds.span(in: output).count)) }
        } else {
            for f in laid { place(f.output, symbol: f.symbol, global: f.global) }
        }

        // The helpers the code calls (rules/*.wat), compiled as any function is, as local
        // functions; a helper may call others.
        if let helpers = tiles.helpers {
            let helper = try prepare(helpers, tiles: tiles, options: CompileOptions(memory: options.memory))
            let symbols = helper.context.functionSymbols
            var added = Set<String>()
            func defined(_ name: String) -> Int? {
                guard let k = symbols.firstIndex(of: name), k >= helpers.importedFunctionCount else { return nil }
                return k
            }
            while let name = undefined.sorted().first(where: { !added.contains($0) && defined($0) != nil }),
                let k = defined(name)
            {
                added.insert(name)
                guard !compiled.contains(where: { $0.0 == name }) else {
                    throw CompileError("function \(name): the module defines a symbol of weft's helper of that name")
                }
                let output = try compileFunction(
                    k, code: nil, context: helper.context, selector: &selector, passes: options.passes, log: &passLog)
                place(output, symbol: name, global: false)
            }
        }

        // .data: memory (except under `linked`: .bss, its image copied in by `weft_init`), then
        // globals. `prepare` checked that every active segment lies in the reserve.
        let linked = context.memory.placedByLinker
        var data = [UInt8](repeating: 0, count: linked ? 0 : Int(context.reservedBytes))
        if let layout = context.relocatedLayout {
            // `relocated`: the initialized piece first in .data, the others in .bss, each at a
            // multiple of 16 in a 16-aligned section (`RelocatedLayout`).
            data = layout.image
            object.dataAlignment = UInt32(RelocatedLayout.alignment)
            object.bssAlignment = UInt32(RelocatedLayout.alignment)
            var bss: UInt64 = 0
            for piece in layout.pieces {
                let size = UInt32(piece.end - piece.start)
                if piece.initialized {
                    object.symbols.append(
                        .init(name: piece.symbol, section: .data, offset: 0, size: size, kind: .object))
                } else {
                    object.symbols.append(
                        .init(name: piece.symbol, section: .bss, offset: UInt32(bss), size: size, kind: .object))
                    bss += max(UInt64(size), 4 as UInt64)
                    bss = (bss + RelocatedLayout.alignment - 1) / RelocatedLayout.alignment * RelocatedLayout.alignment
                }
            }
            object.bssSize = UInt32(bss)
            for word in layout.imageRelocations {
                object.relocations.append(
                    .init(section: .data, offset: UInt32(word.offset), symbol: word.symbol, type: .abs32))
            }
        }
        for seg in module.data where !linked {
            guard case .active(_, let offset) = seg.mode, let base = constantValue(offset, globals: globalValues)
            else { continue }
            let start = Int(UInt32(truncatingIfNeeded: base))
            data.replaceSubrange(start..<start + seg.bytes.count, with: seg.bytes)
        }
        if context.relocatedLayout == nil, memoryBytes > 0 || undefined.contains(CompileContext.memorySymbol) {
            object.symbols.append(
                .init(
                    name: CompileContext.memorySymbol, section: linked ? .bss : .data, offset: 0,
                    size: UInt32(context.mpu?.bytes ?? context.reservedBytes), kind: .object))
            // A symbol needs a section, even for a memory of no bytes.
            if linked { object.bssSize = UInt32(max(context.reservedBytes, 4)) }
            if let mpu = context.mpu {
                // The region's size and alignment; the subregions past the reserve disabled.
                object.bssSize = UInt32(mpu.bytes)
                object.bssAlignment = UInt32(mpu.size)
            }
        }
        if context.growable {
            object.symbols.append(
                .init(
                    name: CompileContext.memorySizeSymbol, section: .data, offset: UInt32(data.count), size: 4,
                    kind: .object))
            data += LittleEndian.bytes(UInt32(memoryBytes))
        }
        /// The functions whose records (`CompileContext.functionRecordSymbol`) are needed.
        var records = Set<Int>()
        /// A word referring to function `k`'s record (0 for nil, a null reference) at `offset`
        /// of `section`: the record's address comes from the linker.
        func reference(_ k: Int?, in section: ObjectFile.Section, at offset: Int) -> [UInt8] {
            if let k {
                records.insert(k)
                object.relocations.append(
                    .init(
                        section: section, offset: UInt32(offset), symbol: CompileContext.functionRecordSymbol(k),
                        type: .abs32))
            }
            return LittleEndian.bytes(UInt32(0))
        }
        for (k, g) in module.globals.enumerated()
        where g.type.mutable || exportedGlobals[importedGlobalCount + k] != nil
            || context.addressGlobals.contains(importedGlobalCount + k)
            || runtimeGlobals.contains(importedGlobalCount + k) || globalReferences[importedGlobalCount + k] != nil
        {
            let index = importedGlobalCount + k
            while data.count % (g.type.type.words * 4) != 0 { data.append(0) }
            if let f = globalReferences[index] {
                object.symbols.append(
                    .init(
                        name: globalSymbols[index], section: .data, offset: UInt32(data.count), size: 4,
                        kind: .object, global: exportedGlobals[index] != nil))
                data += reference(f, in: .data, at: data.count)
                continue
            }
            var v = globalValues[index] ?? 0
            if context.addressGlobals.contains(index), let layout = context.relocatedLayout,
                let address = RelocatedLayout.globalAddress(index, globals: globalValues, types: context.globalTypes)
            {
                // `relocated`: the linker's address global (the stack pointer) holds the
                // address in its piece (REL: the addend in place).
                let reference = layout.reference(layout.virtual(address))
                v = UInt64(reference.addend)
                object.relocations.append(
                    .init(section: .data, offset: UInt32(data.count), symbol: reference.symbol, type: .abs32))
            }
            object.symbols.append(
                .init(
                    name: globalSymbols[index], section: .data, offset: UInt32(data.count),
                    size: UInt32(4 * g.type.type.words), kind: .object,
                    global: exportedGlobals[index] != nil))
            for w in 0..<g.type.type.words { data += LittleEndian.bytes(UInt32(truncatingIfNeeded: v >> (32 * w))) }
        }
        // Data segments `memory.init` and `data.drop` name: a passive one's bytes in .rodata
        // (after the table), each one's length in .data (an active one's 0: dropped once
        // placed, as at instantiation).
        var segmentBytes: [UInt8] = []
        var segmentSymbols: [ObjectFile.Symbol] = []
        for (k, seg) in module.data.enumerated() {
            let names = FunctionCompiler.segmentSymbols(k)
            guard undefined.contains(names.bytes) || undefined.contains(names.length) else { continue }
            let bytes: [UInt8]
            if case .passive = seg.mode { bytes = seg.bytes } else { bytes = [] }
            while segmentBytes.count % 4 != 0 { segmentBytes.append(0) }
            segmentSymbols.append(
                .init(
                    name: names.bytes, section: .rodata, offset: UInt32(segmentBytes.count),
                    size: UInt32(bytes.count), kind: .object))
            segmentBytes += bytes
            // The length word, when code reads it (`weft_init`'s image copy under `linked` does not).
            guard undefined.contains(names.length) else { continue }
            while data.count % 4 != 0 { data.append(0) }
            object.symbols.append(
                .init(name: names.length, section: .data, offset: UInt32(data.count), size: 4, kind: .object))
            data += LittleEndian.bytes(UInt32(bytes.count))
        }
        // Tables: a writable one's words in .data (its size word after it when it grows), a
        // read-only one's in .rodata; then each element segment `table.init` or `elem.drop`
        // names: its items in .rodata, its length in .data.
        var rodata: [UInt8] = []
        if let mpu = context.mpu {
            // RBAR (weft_memory's address with VALID and the region number) and RASR, for a
            // firmware that programs the MPU itself.
            object.relocations.append(
                .init(section: .rodata, offset: UInt32(rodata.count), symbol: CompileContext.memorySymbol, type: .abs32)
            )
            object.symbols.append(
                .init(name: MPURegion.symbol, section: .rodata, offset: UInt32(rodata.count), size: 8, kind: .object))
            rodata += LittleEndian.bytes(mpu.baseAddressBits) + LittleEndian.bytes(mpu.attributes)
        }
        // Where function pointers are addresses (`relocated`) no code reads the table.
        for (t, layout) in context.tables.enumerated() where !context.functionPointersAreAddresses {
            var words: [Int?] = tableContents[t]
            words += [Int?](repeating: nil, count: layout.reserved - words.count)
            let section: ObjectFile.Section = layout.writable ? .data : .rodata
            while data.count % 4 != 0 { data.append(0) }
            let start = layout.writable ? data.count : rodata.count
            var bytes: [UInt8] = []
            for (slot, entry) in words.enumerated() { bytes += reference(entry, in: section, at: start + 4 * slot) }
            let size = bytes.count
            if bytes.isEmpty { bytes = [0, 0, 0, 0] }  // an empty table's symbol still needs a place
            if layout.writable { data += bytes } else { rodata += bytes }
            var names = [layout.symbol]
            if let e = layout.exportName, e != layout.symbol { names.append(e) }
            for name in names {
                object.symbols.append(
                    .init(name: name, section: section, offset: UInt32(start), size: UInt32(size), kind: .object)
                )
            }
            if layout.growable {
                object.symbols.append(
                    .init(name: layout.sizeSymbol, section: .data, offset: UInt32(data.count), size: 4, kind: .object))
                data += LittleEndian.bytes(UInt32(layout.initial))
            }
        }
        for (k, items) in elementItems.enumerated() {
            let names = CompileContext.elementSymbols(k)
            guard undefined.contains(names.items) || undefined.contains(names.length) else { continue }
            let passive: Bool
            if case .passive = module.elements[k].mode { passive = true } else { passive = false }
            object.symbols.append(
                .init(
                    name: names.items, section: .rodata, offset: UInt32(rodata.count),
                    size: UInt32(passive ? 4 * items.count : 0), kind: .object))
            if passive {
                for entry in items {
                    rodata += reference(entry, in: .rodata, at: rodata.count)
                }
            }
            object.symbols.append(
                .init(name: names.length, section: .data, offset: UInt32(data.count), size: 4, kind: .object))
            data += LittleEndian.bytes(UInt32(passive ? items.count : 0))
        }
        // Function records: the Thumb address (addend 0, as clang writes a function pointer:
        // the linker takes the Thumb bit from the symbol, R_ARM_ABS32 being (S + A) | T; an
        // addend of 1 came out as address + 2 from ld.lld, which counts the bit in S, against
        // address + 1 from GNU ld), then the signature id. A function left uncompiled gets
        // address 0 and an id no signature has: calling it traps.
        for name in undefined where name.hasPrefix(CompileContext.functionRecordPrefix) {
            if let k = Int(name.dropFirst(CompileContext.functionRecordPrefix.count)) { records.insert(k) }
        }
        for k in records.sorted() {
            guard k < functionSymbols.count else { throw CompileError("ref.func \(k): no such function") }
            let symbol = CompileContext.functionRecordSymbol(k)
            object.symbols.append(
                .init(name: symbol, section: .rodata, offset: UInt32(rodata.count), size: 8, kind: .object))
            if compile.contains(k) || k < imported {
                object.relocations.append(
                    .init(section: .rodata, offset: UInt32(rodata.count), symbol: functionSymbols[k], type: .abs32))
                undefined.insert(functionSymbols[k])
                rodata += LittleEndian.bytes(UInt32(0))
                rodata += LittleEndian.bytes(typeIDs[Int(module.functionTypeIndices[k])])
            } else {
                rodata += LittleEndian.bytes(UInt32(0)) + LittleEndian.bytes(UInt32.max)
            }
        }
        object.data = data
        object.rodata = rodata
        if !segmentSymbols.isEmpty {
            if segmentBytes.isEmpty { segmentBytes = [0, 0, 0, 0] }  // empty segments still need a section
            while object.rodata.count % 4 != 0 { object.rodata.append(0) }
            let start = UInt32(object.rodata.count)
            object.rodata += segmentBytes
            for var symbol in segmentSymbols {
                symbol.offset += start
                object.symbols.append(symbol)
            }
        }
        // A symbol needs a section with bytes, even one of size 0 (an empty segment).
        for section in [ObjectFile.Section.data, .rodata]
        where object.bytes(of: section).isEmpty && object.symbols.contains(where: { $0.section == section }) {
            if section == .data { object.data = [0, 0, 0, 0] } else { object.rodata = [0, 0, 0, 0] }
        }
        // `task`: what the module writes lies in two MPU regions the firmware gives the task.
        if context.memory == .task { try TaskRegions.place(in: &object, number: options.mpuRegion) }
        let defined = Set(object.symbols.map(\.name))
        for name in undefined.subtracting(defined).sorted() {
            object.symbols.append(.init(name: name, section: nil, kind: .none))
        }
        return CompiledModule(
            object: object, functions: compiled, undefined: undefined.subtracting(defined).sorted(),
            unsupported: unsupported, functionSymbols: functionSymbols, passes: passLog,
            memory: prepared.reservation, code: code)
    }

    /// What compiling any function of a module needs, computed once: symbols, constant
    /// globals, the memory, signature ids, the table (and `weft_init` appended when needed).
    struct Prepared {
        /// The module (with `weft_init` appended), its symbols, memory, signature ids, table size.
        var context: CompileContext
        var exportedFunctions: [Int: String]
        var exportedGlobals: [Int: String]
        var globalValues: [Int: UInt64]
        var runtimeGlobals: Set<Int>
        var initFunction: Int?
        var unsupported: [(symbol: String, reason: String)]
        /// Each table's entries at instantiation (a function index, or nil for null).
        var tableContents: [[Int?]]
        /// Each element segment's items (a function index, or nil for null).
        var elementItems: [[Int?]]
        /// Globals whose value is a reference to a function (by function index): they lie in
        /// `.data`, their word relocated to the function's record.
        var globalReferences: [Int: Int]
        /// The storage linear memory gets.
        var reservation: MemoryReservation
    }

    /// The module made ready to compile: symbols named, constant initializers evaluated,
    /// `weft_init` appended when the module needs one, the table laid out.
    static func prepare(_ module: Module, tiles: TileSet, options: CompileOptions) throws(CompileError) -> Prepared {
        var module = module
        let imported = module.importedFunctionCount
        // Symbols: imports by their field name, exports by their (first) export name.
        var exportedFunctions: [Int: String] = [:]
        var exportedGlobals: [Int: String] = [:]
        for e in module.exports {
            switch e.kind {
            case .function(let k): if exportedFunctions[Int(k)] == nil { exportedFunctions[Int(k)] = e.name }
            case .global(let k): if exportedGlobals[Int(k)] == nil { exportedGlobals[Int(k)] = e.name }
            default: break
            }
        }
        // Initial values: computed here when they are constants, else (they read an imported
        // global) by `weft_init` at run time, which also calls the start function.
        let importedGlobalCount = module.importedGlobalCount
        var globalConstants: [Int: UInt64] = [:]
        var globalValues: [Int: UInt64] = [:]
        var initializer: [WasmModel.Instruction] = []
        var globalReferences: [Int: Int] = [:]
        // `relocated`: the linker's address globals hold `weft_memory + v`, never the constant v.
        let addressGlobals =
            options.memory.needsRelocations ? Set((module.memoryRelocations?.globals ?? []).map(Int.init)) : []
        for imp in module.imports {
            switch imp.kind {
            case .table:
                throw CompileError("an imported table (\(imp.module).\(imp.name)) is not supported by weft compile")
            case .global(let g) where g.type == .ref(.funcref):
                throw CompileError(
                    "an imported funcref global (\(imp.module).\(imp.name)) is not supported by weft compile")
            case .global(let g):
                if let problem = FunctionCompiler.unsupported(g.type) {
                    throw CompileError("global \(imp.name): \(problem)")
                }
            default: break
            }
        }
        for (k, g) in module.globals.enumerated() {
            let index = importedGlobalCount + k
            if let problem = FunctionCompiler.unsupported(g.type.type) {
                throw CompileError("global \(index): \(problem)")
            }
            if let f = functionReference(g.initializer, globals: globalReferences) {
                globalReferences[index] = f
                globalValues[index] = 0
            } else if let v = constantValue(g.initializer, globals: globalValues) {
                globalValues[index] = v
                if !g.type.mutable && !addressGlobals.contains(index) { globalConstants[index] = v }
            } else {
                initializer += g.initializer + [.globalSet(UInt32(index))]
            }
        }
        var runtimeGlobals = Set<Int>()
        for i in initializer { if case .globalSet(let g) = i { runtimeGlobals.insert(Int(g)) } }

        // Memory: how much is reserved (`MemoryReservation`), the active segments in it.
        guard module.allMemories.count <= 1 else {
            throw CompileError("a second memory (the multi-memory proposal) is not supported")
        }
        var reservation = try MemoryReservation.make(
            module, model: options.memory, requested: options.memorySize, globals: globalValues)
        var image: (start: Int, bytes: [UInt8])?
        for (k, seg) in module.data.enumerated() {
            guard case .active(_, let offset) = seg.mode else { continue }
            guard let base = constantValue(offset, globals: globalValues) else {
                throw CompileError("data segment \(k): its offset is not a constant")
            }
            let start = UInt64(UInt32(truncatingIfNeeded: base))
            let end = start + UInt64(seg.bytes.count)
            guard end <= reservation.bytes else {
                throw CompileError(
                    "data segment \(k) ([\(start), \(end))) lies outside the \(reservation.bytes) bytes reserved for linear memory (\(reservation.source))"
                )
            }
            // `relocated`: the initialized part is `.data` (`RelocatedLayout`), nothing to copy.
            guard options.memory.placedByLinker, !options.memory.needsRelocations, !seg.bytes.isEmpty else { continue }
            // `linked`: the memory is .bss; its initialized part, from the first segment's start
            // to the last one's end, is one image that `weft_init` copies in.
            var (first, bytes) = image ?? (Int(start), [])
            if Int(start) < first {
                bytes.insert(contentsOf: [UInt8](repeating: 0, count: first - Int(start)), at: 0)
                first = Int(start)
            }
            let from = Int(start) - first
            if from + seg.bytes.count > bytes.count {
                bytes += [UInt8](repeating: 0, count: from + seg.bytes.count - bytes.count)
            }
            bytes.replaceSubrange(from..<from + seg.bytes.count, with: seg.bytes)
            image = (first, bytes)
        }
        // The memory is zero at startup (.bss), so zeros at either end of the image need no
        // copy: wasm-ld writes `.bss` as a segment of zeros when it keeps relocations.
        if let (first, bytes) = image {
            if let low = bytes.firstIndex(where: { $0 != 0 }), let high = bytes.lastIndex(where: { $0 != 0 }) {
                image = (first + low, Array(bytes[low...high]))
            } else {
                image = nil
            }
        }
        var imageSegment: Int?
        if var image {
            // Whole words where the reserve allows (the memory around is zero at startup, so
            // copying zeros there changes nothing): `weft_init` then copies words.
            let start = image.start / 4 * 4
            var end = image.start + image.bytes.count
            if (end + 3) / 4 * 4 <= reservation.bytes { end = (end + 3) / 4 * 4 }
            image.bytes = [UInt8](repeating: 0, count: image.start - start) + image.bytes
            image.bytes += [UInt8](repeating: 0, count: end - start - image.bytes.count)
            image.start = start
            // A passive segment of its own, copied in before anything else runs
            // (`FunctionCompiler.copyImage`).
            module.data.append(DataSegment(mode: .passive, bytes: image.bytes))
            imageSegment = module.data.count - 1
            let segment = UInt32(module.data.count - 1)
            initializer.insert(
                contentsOf: [
                    .i32Const(Int32(image.start)), .i32Const(0), .i32Const(Int32(image.bytes.count)),
                    .memoryInit(data: segment, memory: 0),
                ], at: 0)
        }
        if let start = module.start { initializer.append(.call(start)) }
        var initFunction: Int?
        // Under `mpu` weft_init programs the region (`FunctionCompiler.programMPU`).
        let mpu = options.memory == .mpu ? MPURegion(reserve: reservation.bytes, number: options.mpuRegion) : nil
        if !initializer.isEmpty || mpu != nil {
            let type = FuncType(params: [], results: [])
            let typeIndex = module.types.firstIndex(of: type) ?? module.types.count
            if typeIndex == module.types.count { module.types.append(type) }
            module.functions.append(Function(type: UInt32(typeIndex), body: initializer + [.end]))
            initFunction = imported + module.functions.count - 1
            exportedFunctions[imported + module.functions.count - 1] = initSymbol
        }

        var functionSymbols: [String] = []
        var globalSymbols: [String] = []
        for imp in module.imports {
            switch imp.kind {
            case .function: functionSymbols.append(imp.name)
            case .global: globalSymbols.append(imp.name)
            default: break
            }
        }
        for k in imported..<(imported + module.functions.count) {
            functionSymbols.append(exportedFunctions[k] ?? "weft_f\(k)")
        }
        let globalTypes = module.allGlobals
        for k in 0..<module.globals.count {
            let index = importedGlobalCount + k
            globalSymbols.append(exportedGlobals[index] ?? "weft_global_\(index)")
        }

        // Types: equal signatures share an id.
        var typeIDs: [UInt32] = []
        for t in module.types {
            typeIDs.append(UInt32(module.types.firstIndex(of: t) ?? 0))
        }
        // Tables: storage for a growing one up to its maximum (at most `entryLimit` entries);
        // active element segments applied in order, as instantiation applies them.
        var layouts: [TableLayout] = []
        var tableContents: [[Int?]] = []
        var exportedTables: [Int: String] = [:]
        for e in module.exports {
            if case .table(let t) = e.kind, exportedTables[Int(t)] == nil { exportedTables[Int(t)] = e.name }
        }
        let written = tablesWritten(module)
        for (k, t) in module.tables.enumerated() {
            // A nullable typed function reference (a later proposal) is stored as a funcref
            // is; the functions that use such values are refused on their own.
            guard t.type.element.nullable else {
                throw CompileError("table \(k): \(t.type.element) entries are not supported by weft compile")
            }
            if let e = t.initializer, e != [.refNull(t.type.element.heap)] {
                throw CompileError("table \(k): an initializer expression is not supported by weft compile")
            }
            let initial = Int(t.type.limits.min)
            guard t.type.limits.min <= UInt64(TableLayout.entryLimit) * 64 else {
                throw CompileError("table \(k): \(t.type.limits.min) entries do not fit Cortex-M")
            }
            var reserved = initial
            if written.grown.contains(k), let max = t.type.limits.max {
                reserved = Swift.max(initial, Int(Swift.min(max, UInt64(TableLayout.entryLimit))))
            }
            layouts.append(
                TableLayout(
                    symbol: TableLayout.symbol(k), element: t.type.element, initial: initial, reserved: reserved,
                    writable: written.written.contains(k) || exportedTables[k] != nil, exportName: exportedTables[k]))
            tableContents.append([Int?](repeating: nil, count: initial))
        }
        var elementItems: [[Int?]] = []
        for (n, seg) in module.elements.enumerated() {
            var items: [Int?] = []
            for item in seg.items {
                if case .refNull? = item.first, item.count == 1 {
                    items.append(nil)
                } else if let f = functionReference(item, globals: globalReferences) {
                    items.append(f)
                } else if case .globalGet(let g)? = item.first, item.count == 1, g >= importedGlobalCount,
                    globalValues[Int(g)] == 0
                {
                    items.append(nil)  // a global holding null
                } else {
                    throw CompileError(
                        "element segment \(n): an item that is not ref.null, ref.func or a global of a known function is not supported by weft compile"
                    )
                }
            }
            elementItems.append(items)
        }
        var unsupported: [(symbol: String, reason: String)] = []
        for (n, seg) in module.elements.enumerated() {
            guard case .active(let t, let offset) = seg.mode else { continue }
            guard Int(t) < layouts.count, let base = constantValue(offset, globals: globalValues) else {
                if options.stubUnsupported {
                    unsupported.append((TableLayout.symbol(Int(t)), "element segment (table \(t), offset \(offset))"))
                    continue
                }
                throw CompileError(
                    "element segment \(n) (table \(t), offset \(offset)): only constant offsets into a defined table are supported"
                )
            }
            let start = Int(UInt32(truncatingIfNeeded: base))
            guard start + elementItems[n].count <= tableContents[Int(t)].count else {
                throw CompileError("element segment \(n) out of the table's bounds")
            }
            tableContents[Int(t)].replaceSubrange(start..<start + elementItems[n].count, with: elementItems[n])
        }

        let functionTypes = module.functionTypeIndices.map { module.types[Int($0)] }
        var context = CompileContext(
            module: module, tiles: tiles, memory: options.memory, memoryBytes: reservation.initialBytes,
            reservedBytes: reservation.bytes, grows: reservation.grows, reservationSource: reservation.source,
            imageSegment: imageSegment, mpu: mpu, initFunction: initFunction,
            functionTypes: functionTypes, functionSymbols: functionSymbols, globalSymbols: globalSymbols,
            globalTypes: globalTypes, globalConstants: globalConstants, tables: layouts, typeIDs: typeIDs,
            frameStackPointer: options.nativeFrames
                && [.identity, .base, .linked, .relocated, .task].contains(options.memory)
                && options.passes.runs(MachinePasses.nativeFrames, optional: true)
                ? module.stackPointer.map(Int.init) : nil,
            spillEverywhere: options.spillEverywhere)
        context.everyNativePointer = options.everyNativePointer
        context.addressGlobals = addressGlobals
        if options.memory.needsRelocations {
            let constants = RelocatedAddresses.constants(in: module)
            let pointers = RelocatedAddresses.functionPointers(in: module)
            let native = RelocatedAddresses.functionPointersAreAddresses(module)
            guard native || pointers.isEmpty else {
                throw CompileError("function pointers were made addresses for a module whose table is used otherwise")
            }
            context.functionPointersAreAddresses = native
            context.functionPointers = pointers
            var functionWords: [Int: String] = [:]
            if native {
                let table = RelocatedAddresses.tableFunctions(module)
                for (index, k) in table { functionWords[Int(index)] = functionSymbols[k] }
            }
            let layout = try RelocatedLayout.make(
                module, globals: globalValues, addressGlobals: addressGlobals, addresses: Array(constants.values),
                functions: functionWords, reserve: reservation.bytes)
            context.relocatedLayout = layout
            context.addressConstants = constants.mapValues(layout.virtual)
            reservation.pieces = layout.pieces
        }
        context.resolvesCallees =
            !context.functionPointersAreAddresses && options.passes.runs(MachinePasses.resolveCallees, optional: true)
        return Prepared(
            context: context, exportedFunctions: exportedFunctions, exportedGlobals: exportedGlobals,
            globalValues: globalValues, runtimeGlobals: runtimeGlobals, initFunction: initFunction,
            unsupported: unsupported, tableContents: tableContents, elementItems: elementItems,
            globalReferences: globalReferences, reservation: reservation)
    }

    /// Function `k` as `compile` places it: the sizer's output when it measured the function
    /// and no call of it writes less than AAPCS allows (`CallClobbers`); else compiled with
    /// the calls as narrow as their callees' code, and kept unless the function as AAPCS calls
    /// is smaller (fewer registers written by calls is not always fewer bytes: the allocator
    /// colors differently).
    static func compileInWave(
        _ k: Int, code: ElaboratedFunction?, context: CompileContext, sizer: FunctionSizer?, options: CompileOptions
    ) -> (output: Result<Layout.Output, CompileError>, log: PassLog) {
        let measured = options.passes.printAfter.isEmpty ? sizer?.measured(k, code: code) : nil
        let narrowed = context.narrowsCalls(in: k)
        if !narrowed, let measured { return (.success(measured.output), measured.log) }
        func compiled(_ context: CompileContext) -> (output: Result<Layout.Output, CompileError>, log: PassLog) {
            var selector = Selector(tiles: context.tiles)
            var log = PassLog()
            do throws(CompileError) {
                let output = try compileFunction(
                    k, code: code, context: context, selector: &selector, passes: options.passes, log: &log)
                return (.success(output), log)
            } catch {
                return (.failure(error), log)
            }
        }
        let first = compiled(context)
        guard narrowed else { return first }
        var aapcs = context
        aapcs.calleeClobbers = [:]
        let other =
            measured.map { (output: Result<Layout.Output, CompileError>.success($0.output), log: $0.log) }
            ?? compiled(aapcs)
        switch (first.output, other.output) {
        case (.success(let a), .success(let b)) where b.bytes.count < a.bytes.count: return other
        case (.failure, .success): return other
        default: return first
        }
    }

    /// One function through selection, the machine passes, allocation and layout: its bytes,
    /// labels and relocations (from `code` when given, else the module's instructions).
    /// Not `thorough`, it is compiled once, one way (`FunctionSizer`'s estimate): without the
    /// trials of address bases, invariant addresses, native pointers and split limits.
    static func compileFunction(
        _ k: Int, code: ElaboratedFunction?, context: CompileContext, selector: inout Selector, passes: PassOptions,
        thorough: Bool = true, log passLog: inout PassLog
    ) throws(CompileError) -> Layout.Output {
        // Parameters arriving as physical addresses are held so unless a trial finds better.
        let arriving = context.nativeParameters[k] ?? []
        var fc = FunctionCompiler(context: context, index: k, selector: selector)
        fc.nativeLocals = arriving
        let machine = try fc.compile(code)
        selector = fc.selector
        let title = "function \(context.functionSymbols[k])"
        var log = passLog
        guard thorough else {
            let best = try lower(machine, context: context, title: title, passes: passes, thorough: false, log: &log)
            passLog = log
            return best.output
        }
        // Each way is allocated one way; the smallest (`smallest`, as prepared) every way at the
        // end. `log` holds the figures of everything but `best`'s allocation.
        var smallest = try prepare(machine, title: title, passes: passes, log: &log)
        var best = try allocate(smallest, context: context, title: title, passes: passes, thorough: false)
        // Address bases built once at the entry instead of in each block: compiled again with
        // the most saving base, then the two most saving, ... (`AddressBases.plan`), as long
        // as the function gets smaller.
        let plan = fc.bases.plan()
        let hoists = passes.runs(MachinePasses.hoistAddressBases, optional: true)
        var hoisting: [UInt64] = []
        /// The function compiled again with `bases` at the entry and the sums of `invariant`;
        /// nil unless it is smaller (then the least spill code) than the best so far, or as
        /// small with a sum moved out of a loop.
        func trial(
            _ bases: [UInt64], _ invariant: InvariantAddresses.Plan, native: Set<Int>? = nil, log other: inout PassLog
        ) -> (
            FunctionCompiler, Allocated
        )? {
            var hoisted = FunctionCompiler(context: context, index: k, selector: selector)
            hoisted.hoisting = bases
            hoisted.invariantPlan = invariant
            hoisted.nativeLocals = native ?? arriving
            guard let machine = try? hoisted.compile(code), !hoisted.pinnedWritten,
                let prepared = try? prepare(machine, title: title, passes: passes, log: &other),
                let trial = try? allocate(prepared, context: context, title: title, passes: passes, thorough: false),
                (trial.output.bytes.count, trial.spillBytes) < (best.output.bytes.count, best.spillBytes)
                    || (invariant.leavesLoop && trial.output.bytes.count == best.output.bytes.count
                        && trial.spillBytes <= best.spillBytes)
            else { return nil }
            smallest = prepared
            return (hoisted, trial)
        }
        if context.memory == .identity || context.memory.placedByLinker, hoists {
            for count in plan.indices.map({ $0 + 1 }) {
                var other = passLog
                guard let (hoisted, result) = trial(Array(plan.prefix(count)), .init(), log: &other) else { break }
                selector = hoisted.selector
                other.add("hoisted address bases", count)
                best = result
                log = other
                hoisting = Array(plan.prefix(count))
            }
        }
        // Sums `weft_memory + v` of locals that do not change built once per region instead
        // of in each block: those replacing two rebuilds or more when that is smaller, else
        // the one replacing the most; then with them the sums only moved out of a loop, when
        // that is no larger (the loop runs faster).
        let candidates = fc.invariantAddresses.candidates()
        var invariant = InvariantAddresses.Plan()
        if context.memory.addsBase, hoists, !candidates.isEmpty {
            let shrinking = candidates.filter { $0.rebuilds >= 2 }
            var kept: [InvariantAddresses.Candidate] = []
            var choices = [shrinking]
            if shrinking.count > 1 { choices.append([shrinking[0]]) }
            for chosen in choices where !chosen.isEmpty {
                var other = passLog
                guard let (hoisted, result) = trial(hoisting, fc.invariantAddresses.plan(chosen), log: &other)
                else { continue }
                selector = hoisted.selector
                if !hoisting.isEmpty { other.add("hoisted address bases", hoisting.count) }
                other.add("shared invariant addresses", chosen.count)
                best = result
                log = other
                kept = chosen
                invariant = fc.invariantAddresses.plan(chosen)
                break
            }
            let leaving = candidates.filter { $0.rebuilds < 2 }
            var other = passLog
            if !leaving.isEmpty,
                let (hoisted, result) = trial(hoisting, fc.invariantAddresses.plan(kept + leaving), log: &other)
            {
                selector = hoisted.selector
                if !hoisting.isEmpty { other.add("hoisted address bases", hoisting.count) }
                other.add("shared invariant addresses", kept.count + leaving.count)
                best = result
                log = other
                invariant = fc.invariantAddresses.plan(kept + leaving)
            }
        }
        // Pointer locals held as physical addresses (`NativePointers`): every local an access
        // goes through with its partners, else those locals alone (the first set that makes
        // the function smaller); then, from the set held, each of the two locals most
        // accessed through switched (held if it was not, not if it was) where that makes the
        // function smaller again. (Four such switches won 16 bytes more on the programs for
        // 40% more compile time.)
        if context.memory.allowsNativePointers,
            passes.runs(MachinePasses.nativePointers, optional: true)
        {
            let sets = fc.nativePointers.candidates().map { $0.union(arriving) }
            if context.everyNativePointer {
                if let native = sets.first(where: { $0 != arriving }) {
                    var forced = FunctionCompiler(context: context, index: k, selector: selector)
                    forced.hoisting = hoisting
                    forced.invariantPlan = invariant
                    forced.nativeLocals = native
                    var other = passLog
                    smallest = try prepare(try forced.compile(code), title: title, passes: passes, log: &other)
                    best = try allocate(smallest, context: context, title: title, passes: passes, thorough: false)
                    other.add("native pointers", native.count)
                    log = other
                }
            } else {
                var held = arriving
                /// Holds `relocated` when the function compiled so is smaller; whether it did.
                func keep(_ native: Set<Int>) -> Bool {
                    var other = passLog
                    guard native != held,
                        let (hoisted, result) = trial(hoisting, invariant, native: native, log: &other)
                    else { return false }
                    selector = hoisted.selector
                    other.add("native pointers", native.count)
                    best = result
                    log = other
                    held = native
                    return true
                }
                for native in sets {
                    if keep(native) { break }
                }
                let mostUsed = fc.nativePointers.accesses.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                for local in mostUsed.prefix(NativePointers.switched).map(\.key) {
                    _ = keep(held.symmetricDifference([local]).union(arriving))
                }
            }
        }
        best = try allocate(smallest, context: context, title: title, passes: passes, thorough: true)
        passLog = log
        passLog.absorb(best.log)
        return best.output
    }

    /// One function's machine code through the machine passes, allocation and layout
    /// (`prepare`, then `allocate`).
    static func lower(
        _ machine: MachineFunction, context: CompileContext, title: String, passes: PassOptions,
        thorough: Bool = true, log: inout PassLog
    ) throws(CompileError) -> Allocated {
        let prepared = try prepare(machine, title: title, passes: passes, log: &log)
        let best = try allocate(prepared, context: context, title: title, passes: passes, thorough: thorough)
        log.absorb(best.log)
        return best
    }

    /// One function's machine code through the machine passes before allocation.
    static func prepare(
        _ machine: MachineFunction, title: String, passes: PassOptions, log: inout PassLog
    ) throws(CompileError) -> MachineFunction {
        var machine = machine
        try runMachinePasses(
            MachinePasses.beforeAllocation, on: &machine, allocated: false, title: title, passes: passes, log: &log)
        return machine
    }

    /// A prepared function allocated and laid out with live-range splitting and, when it split
    /// anything and the allocation is `thorough`, also with pieces only where a low register
    /// stays free, and without: the smallest (then the least spill code).
    static func allocate(
        _ prepared: MachineFunction, context: CompileContext, title: String, passes: PassOptions, thorough: Bool
    ) throws(CompileError) -> Allocated {
        let splitting = passes.runs(MachinePasses.splitLiveRanges, optional: true)
        var best = try allocateAndLay(prepared, splitting: splitting, context: context, title: title, passes: passes)
        if thorough, best.piecesMade > 0 {
            for limit in [8, nil] {
                guard
                    let trial = try? allocateAndLay(
                        prepared, splitting: limit != nil, pieceLimit: limit, context: context, title: title,
                        passes: passes),
                    (trial.output.bytes.count, trial.spillBytes) < (best.output.bytes.count, best.spillBytes)
                else { continue }
                best = trial
            }
        }
        return best
    }

    static func runMachinePasses(
        _ list: [Pass<MachineFunction>], on machine: inout MachineFunction, allocated: Bool, title: String,
        passes: PassOptions, log: inout PassLog
    ) throws(CompileError) {
        let runner = PassRunner(
            list, options: passes, verifier: { MachineVerifier.problem($0, allocated: allocated) },
            printer: { $0.text })
        do {
            try runner.run(&machine, title: title, log: &log)
        } catch {
            throw CompileError(error.description)
        }
    }

    /// What allocation and layout made of one function: its bytes, labels and relocations, how
    /// many pieces live-range splitting made in all its rounds, and the bytes of spill code.
    struct Allocated: Sendable {
        var output: Layout.Output
        var piecesMade: Int
        var spillBytes: Int
        /// The figures allocation and layout add to the pass log.
        var log: PassLog
    }

    /// Allocation (splitting live ranges or not), the machine passes after it, the frame and
    /// layout of one function; a machine function already allocated so in this compilation of
    /// the module is taken from `context.allocations`.
    static func allocateAndLay(
        _ machine: MachineFunction, splitting: Bool, pieceLimit: Int? = nil, context: CompileContext, title: String,
        passes: PassOptions
    ) throws(CompileError) -> Allocated {
        // Nothing printed comes from the memo: a function printed is allocated again.
        guard passes.printAfter.isEmpty else {
            return try allocateAndLayOnce(
                machine, splitting: splitting, pieceLimit: pieceLimit, context: context, title: title, passes: passes)
        }
        let key = AllocationMemo.Key(
            machine: machine, splitting: splitting, pieceLimit: pieceLimit, spillEverywhere: context.spillEverywhere)
        if let known = context.allocations.entry(key) { return try known.get() }
        let result = Result { () throws(CompileError) in
            try allocateAndLayOnce(
                machine, splitting: splitting, pieceLimit: pieceLimit, context: context, title: title, passes: passes)
        }
        context.allocations.record(key, result)
        return try result.get()
    }

    /// `allocateAndLay` run.
    private static func allocateAndLayOnce(
        _ machine: MachineFunction, splitting: Bool, pieceLimit: Int?, context: CompileContext, title: String,
        passes: PassOptions
    ) throws(CompileError) -> Allocated {
        var passLog = PassLog()
        var machine = machine
        var allocator = RegisterAllocator(machine)
        allocator.splitting = splitting
        if let pieceLimit { allocator.pieceLimit = pieceLimit }
        if context.spillEverywhere { allocator.rounds = 0 }
        let allocationStart = DispatchTime.now().uptimeNanoseconds
        machine = try allocator.allocate()
        passLog.statistics.record(
            "allocate-registers", changes: allocator.slots,
            nanoseconds: DispatchTime.now().uptimeNanoseconds - allocationStart)
        if passes.verify, let problem = MachineVerifier.problem(machine, allocated: true) {
            throw CompileError("internal error: pass allocate-registers left invalid IR: \(title): \(problem)")
        }
        if passes.prints("allocate-registers") {
            passLog.printed.append("; after allocate-registers (\(title))\n" + machine.text)
        }
        try runMachinePasses(
            MachinePasses.afterAllocation, on: &machine, allocated: true, title: title, passes: passes, log: &passLog)
        let spillCode = Emitter.spillCode(machine)
        passLog.add("spill bytes", spillCode.bytes)
        passLog.add("spill instructions", spillCode.instructions)
        passLog.add("split ranges", allocator.splitRanges)
        passLog.add("rematerialized values", allocator.rematerialized)
        if allocator.spilledEverywhere { passLog.add("functions spilled everywhere", 1) }
        var items = try Emitter(f: machine, slots: allocator.slots, scratch: allocator.scratch).items()
        do {
            try PassRunner(MachinePasses.afterFrame, options: passes, printer: { Self.text($0) }).run(
                &items, title: title, log: &passLog)
        } catch {
            throw CompileError(error.description)
        }
        var layout = Layout(items)
        do {
            return Allocated(
                output: try layout.assemble(), piecesMade: allocator.piecesMade, spillBytes: spillCode.bytes,
                log: passLog)
        } catch {
            throw CompileError("\(title): \(error)")
        }
    }

    /// Laid-out items as text, one a line (for `--print-after branch-peephole`).
    static func text(_ items: [Item]) -> String { items.map { "  \($0)" }.joined(separator: "\n") }

    /// Every machine pass's name, in pipeline order.
    public static let machinePassNames = MachinePasses.names

    /// The function a host calls once before any export when the module needs it (a start
    /// function, or globals whose initial value reads an imported global).
    public static let initSymbol = "weft_init"

    /// The function a constant expression refers to: `ref.func k`, or `global.get` of a
    /// global in `globals` (which refers to one); nil otherwise.
    static func functionReference(_ e: [WasmModel.Instruction], globals: [Int: Int]) -> Int? {
        guard e.count == 1 else { return nil }
        switch e[0] {
        case .refFunc(let k): return Int(k)
        case .globalGet(let g): return globals[Int(g)]
        default: return nil
        }
    }

    /// The tables some instruction writes (`table.set`, `grow`, `fill`, `copy` into, `init`)
    /// and those `table.grow` names.
    static func tablesWritten(_ module: Module) -> (written: Set<Int>, grown: Set<Int>) {
        var written = Set<Int>()
        var grown = Set<Int>()
        for f in module.functions {
            for i in f.body {
                switch i {
                case .tableSet(let t), .tableFill(let t), .tableCopy(let t, _), .tableInit(_, let t):
                    written.insert(Int(t))
                case .tableGrow(let t):
                    written.insert(Int(t))
                    grown.insert(Int(t))
                default: break
                }
            }
        }
        return (written, grown)
    }

    /// The value of a constant expression (constants, `global.get` of a global whose value is
    /// known, integer arithmetic of extended constant expressions, float constants as bits),
    /// or nil.
    static func constantValue(_ e: [WasmModel.Instruction], globals: [Int: UInt64]) -> UInt64? {
        var stack: [UInt64] = []
        for i in e {
            switch i {
            case .i32Const(let v): stack.append(UInt64(UInt32(bitPattern: v)))
            case .i64Const(let v): stack.append(UInt64(bitPattern: v))
            case .f32Const(let v): stack.append(UInt64(v))
            case .f64Const(let v): stack.append(v)
            case .globalGet(let g):
                guard let v = globals[Int(g)] else { return nil }
                stack.append(v)
            case .refNull, .refFunc: stack.append(0)
            case .numeric(let op):
                let n = op.signature.operands.count
                guard n >= 1, n <= 2, stack.count >= n else { return nil }
                let operands = stack.suffix(n)
                stack.removeLast(n)
                guard case .value(let v)? = op.evaluate(operands.first ?? 0, operands.last ?? 0) else { return nil }
                stack.append(v)
            default: return nil
            }
        }
        return stack.count == 1 ? stack[0] : nil
    }
}
