import Compile
import ELF
import Foundation
import Harness
import Pipeline
import ThumbHarness
import WasmDecode
import WasmKit
import WasmModel

/// A Wasm module compiled by `weft compile`, linked with libgcc (the AEABI helpers) and stub
/// imports by `arm-none-eabi-ld` or `ld.lld`, running in the Cortex-M3 machine: exports called with
/// Wasm values, results read back by type.
final class CompiledInstance {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// How a call ended, in Wasm terms.
    enum Outcome: Equatable, CustomStringConvertible {
        case values([UInt64])
        case trap
        case other(String)

        var description: String {
            switch self {
            case .values(let v): "values \(v.map { "0x" + String($0, radix: 16) })"
            case .trap: "trap"
            case .other(let s): s
            }
        }
    }

    /// The two linkers a compiled object is linked by: GNU's and LLVM's, which must resolve
    /// weft's relocations alike.
    enum Linker: String, CaseIterable, CustomStringConvertible {
        case gnu = "arm-none-eabi-ld"
        case lld = "ld.lld"

        var description: String { rawValue }

        /// GNU ld from PATH; ld.lld from the Swift toolchain (beside `swift`), else PATH.
        var path: String? {
            switch self {
            case .gnu: Subprocess.which(rawValue)
            case .lld: Subprocess.toolchain(rawValue)
            }
        }
    }

    let module: WasmModel.Module
    let machine: Machine
    let compiled: CompiledModule
    let linker: Linker
    /// The linked image (an ELF executable), as the linker wrote it.
    let image: [UInt8]
    /// The calls the compiled code made to imported functions, in order.
    let importLog: ImportLog

    /// Imported-function calls: the import's name and its arguments.
    final class ImportLog {
        var calls: [(name: String, arguments: [WasmKit.Value])] = []
    }

    static let tiles = Result { () throws(CompileError) in
        try TileSet.load(directory: TestPaths.packageRoot + "/rules")
    }

    /// What `weft compile` optimizes with: the shipped rules, extraction by Thumb-2 tile bytes
    /// (made once per test process for each set of assumptions).
    static func optimizer(assumptions: Assumptions = Assumptions()) throws -> SaturatePass {
        try (assumptions.deadStack ? deadStackOptimizer : plainOptimizer).get()
    }

    private static let plainOptimizer = Result { () throws -> SaturatePass in
        CompilePipeline.optimizer(rules: try TestPaths.rules, tiles: try tiles.get())
    }

    private static let deadStackOptimizer = Result { () throws -> SaturatePass in
        CompilePipeline.optimizer(
            rules: try TestPaths.rules, tiles: try tiles.get(), assumptions: Assumptions(deadStack: true))
    }

    /// Where the `linked` model's images put `.data` and `.bss` (linear memory) in RAM.
    static let ramData: UInt32 = 0x2000_0000
    static let ramMemory: UInt32 = 0x2010_0000

    static let libgcc: String? = {
        guard let gcc = Subprocess.which("arm-none-eabi-gcc"),
            let r = try? Subprocess.run(gcc, ["-mcpu=cortex-m3", "-mthumb", "-print-libgcc-file-name"])
        else { return nil }
        return String(decoding: r.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// Values the `spectest` imports give.
    static let spectestGlobals: [String: UInt64] = [
        "global_i32": 666, "global_i64": 666, "global_f32": UInt64(Float(666.6).bitPattern),
        "global_f64": Double(666.6).bitPattern,
    ]

    /// `input` compiled by `weft compile`'s pipeline (optimized first unless `optimize` is
    /// false), functions it cannot compile left as trapping stubs, linked by `linker`.
    convenience init(
        module input: WasmModel.Module, memory: MemoryModel, memorySize: UInt64? = nil, hot: [String] = [],
        optimize: Bool = false, assumptions: Assumptions = Assumptions(), spillEverywhere: Bool = false,
        linker: Linker = .gnu
    ) throws {
        let output = try Self.compile(
            input, memory: memory, memorySize: memorySize, hot: hot, optimize: optimize, assumptions: assumptions,
            spillEverywhere: spillEverywhere)
        try self.init(output, memory: memory, linker: linker)
    }

    /// `input` compiled once (without the `disabled` passes) and linked by each of `linkers`
    /// (both by default): one instance per linker, in the order given.
    static func linked(
        module input: WasmModel.Module, memory: MemoryModel, memorySize: UInt64? = nil, hot: [String] = [],
        optimize: Bool = false, assumptions: Assumptions = Assumptions(), disabling disabled: Set<String> = [],
        by linkers: [Linker] = Linker.allCases
    ) throws -> [CompiledInstance] {
        let output = try compile(
            input, memory: memory, memorySize: memorySize, hot: hot, optimize: optimize, assumptions: assumptions,
            disabling: disabled)
        return try linkers.map { try CompiledInstance(output, memory: memory, linker: $0) }
    }

    /// `input` through `weft compile`'s pipeline (without the `disabled` passes; the functions
    /// `exact` names also extracted exactly), functions it cannot compile left as trapping stubs.
    static func compile(
        _ input: WasmModel.Module, memory: MemoryModel, memorySize: UInt64? = nil, hot: [String] = [],
        optimize: Bool = false, assumptions: Assumptions = Assumptions(), spillEverywhere: Bool = false,
        disabling disabled: Set<String> = [], exact: ExactScope = .hot
    ) throws -> CompilePipeline.Output {
        var options = CompileOptions(memory: memory, hot: hot, memorySize: memorySize)
        options.passes.disabled = disabled
        options.stubUnsupported = true
        options.spillEverywhere = spillEverywhere
        options.nativeFrames = assumptions.deadStack
        var pipeline = CompilePipeline(
            tiles: try Self.tiles.get(), options: options,
            optimizer: optimize ? try Self.optimizer(assumptions: assumptions) : nil)
        pipeline.exact = exact
        return try pipeline.run(input, file: "module.wasm")
    }

    /// A host function the stubs call (`svc #k` is the k-th): the import's name and parameters.
    typealias Host = (name: String, params: [WasmModel.ValueType])
    /// The import stubs' host functions, in `svc` order.
    let hosts: [Host]

    /// A compiled module linked with libgcc and stub imports by `linker`, loaded into a fresh
    /// machine, `weft_init` run.
    convenience init(_ output: CompilePipeline.Output, memory: MemoryModel, linker: Linker) throws {
        let (image, hosts) = try Self.link(
            output.object, module: output.module, undefined: output.compiled.undefined, memory: memory, linker: linker)
        try self.init(module: output.module, compiled: output.compiled, linker: linker, image: image, hosts: hosts)
    }

    /// The same image in a fresh machine, `weft_init` run: a new instance without linking again.
    func reloaded() throws -> CompiledInstance {
        try CompiledInstance(module: module, compiled: compiled, linker: linker, image: image, hosts: hosts)
    }

    /// A linked image loaded into a fresh machine, the stubs' host functions set, `weft_init` run.
    init(
        module: WasmModel.Module, compiled: CompiledModule, linker: Linker, image: [UInt8], hosts: [Host]
    ) throws {
        self.module = module
        self.compiled = compiled
        self.linker = linker
        self.image = image
        self.hosts = hosts
        machine = try Machine()
        try machine.load(image: image)
        let log = ImportLog()
        importLog = log
        machine.supervisorCall = { n, m in
            guard Int(n) < hosts.count else { return }
            let (name, params) = hosts[Int(n)]
            log.calls.append((name, zip(Self.arguments(params, in: m), params).map(Self.value)))
            m.setRegister(0, 0)
            m.setRegister(1, 0)
        }
        // Instantiation: imported-global initial values and the start function.
        if machine.symbols[ModuleCompiler.initSymbol] != nil {
            let outcome = try machine.call(ModuleCompiler.initSymbol)
            guard case .returned = outcome else { throw Failure(description: "weft_init (\(linker)): \(outcome)") }
        }
    }

    /// An object (`module` compiled, `undefined` its undefined symbols) linked with libgcc and
    /// stub imports by `linker` for `memory`: the image, and the stubs' host functions.
    static func link(
        _ object: [UInt8], module: WasmModel.Module, undefined: [String], memory: MemoryModel, linker: Linker
    ) throws -> (image: [UInt8], hosts: [Host]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("weft-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let objectPath = dir.appendingPathComponent("module.o").path
        try Data(object).write(to: URL(fileURLWithPath: objectPath))
        // Stubs for the module's imports: functions return 0, globals hold spectest's values.
        var stubs = ObjectFile()
        var hosts: [Host] = []
        for imp in module.imports {
            switch imp.kind {
            case .function:
                guard undefined.contains(imp.name), !stubs.symbols.contains(where: { $0.name == imp.name })
                else { continue }
                // svc #k; bx lr: the host records the call (`importCalls`) and returns 0.
                guard case .function(let t) = imp.kind, hosts.count < 256 else { continue }
                let at = UInt32(stubs.text.count)
                stubs.text += [UInt8(hosts.count), 0xDF, 0x70, 0x47]
                hosts.append((imp.name, module.types[Int(t)].params))
                stubs.symbols.append(.init(name: imp.name, section: .text, offset: at, size: 4, kind: .function))
            case .global(let g):
                guard !stubs.symbols.contains(where: { $0.name == imp.name }) else { continue }
                let v = Self.spectestGlobals[imp.name] ?? 0
                while stubs.data.count % 8 != 0 { stubs.data.append(0) }
                let at = UInt32(stubs.data.count)
                for w in 0..<(g.type == .i64 || g.type == .f64 ? 2 : 1) {
                    stubs.data += LittleEndian.bytes(UInt32(truncatingIfNeeded: v >> (32 * w)))
                }
                stubs.symbols.append(.init(name: imp.name, section: .data, offset: at, size: 8, kind: .object))
            default: continue
            }
        }
        var inputs = [objectPath]
        if !stubs.symbols.isEmpty {
            let stubPath = dir.appendingPathComponent("stubs.o").path
            try Data(try ELFWriter.write(stubs)).write(to: URL(fileURLWithPath: stubPath))
            inputs.append(stubPath)
        }
        guard let ld = linker.path, let libgcc = Self.libgcc else {
            throw Failure(description: "\(linker) and arm-none-eabi-gcc are needed (make deps)")
        }
        let imagePath = dir.appendingPathComponent("image.elf").path
        var arguments = ["-o", imagePath, "-Ttext=0x\(String(Machine.codeBase, radix: 16))", "-e", "0x8000000"]
        if memory == .identity { arguments.append("-Tdata=0") }
        if memory.placedByLinker {
            // RAM as most Cortex-M3 parts have it: .data at its start; .bss (linear memory)
            // on pages of its own with unmapped pages around, so an access past the reserve
            // (or below it) faults instead of reaching other data.
            arguments += [
                "-Tdata=0x\(String(Self.ramData, radix: 16))", "-Tbss=0x\(String(Self.ramMemory, radix: 16))",
            ]
        }
        // ld.lld starts each segment on a new 64 KiB page by default (4 KiB keeps the image as
        // compact as GNU ld's in the machine's 1 MiB of code memory) and refuses a section
        // below its image base (linear memory at 0 in the identity model).
        if linker == .lld { arguments += ["-z", "max-page-size=4096", "--image-base=0"] }
        let linked = try Subprocess.run(ld, arguments + inputs + [libgcc])
        guard linked.status == 0 else { throw Failure(description: "\(linker): \(linked.stderr)") }
        return (Array(try Data(contentsOf: URL(fileURLWithPath: imagePath))), hosts)
    }

    /// The AAPCS words of Wasm arguments (64-bit values in an even pair or aligned slot).
    static func words(_ values: [(UInt64, WasmModel.ValueType)]) -> [UInt32] {
        var words: [UInt32] = []
        var onStack = false
        for (value, type) in values {
            if type == .i64 || type == .f64 {
                if !onStack, words.count % 2 == 1 { words.append(0) }
                if !onStack, words.count + 2 > 4 {
                    while words.count < 4 { words.append(0) }
                    onStack = true
                }
                if words.count > 4, (words.count - 4) % 2 == 1 { words.append(0) }
                words += [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
            } else {
                if words.count >= 4 { onStack = true }
                words.append(UInt32(truncatingIfNeeded: value))
            }
        }
        return words
    }

    /// The arguments of a call to a host function, read as the AAPCS passes them (`words`):
    /// r0–r3, then the stack.
    static func arguments(_ params: [WasmModel.ValueType], in machine: Machine) -> [UInt64] {
        let sp = machine.stackPointer
        func word(_ k: Int) -> UInt64 {
            if k < 4 { return UInt64(machine.register(k)) }
            return UInt64((try? machine.word(at: sp &+ UInt32(4 * (k - 4)))) ?? 0)
        }
        var values: [UInt64] = []
        var k = 0
        var onStack = false
        for type in params {
            if type == .i64 || type == .f64 {
                if !onStack, k % 2 == 1 { k += 1 }
                if !onStack, k + 2 > 4 {
                    k = 4
                    onStack = true
                }
                if k > 4, (k - 4) % 2 == 1 { k += 1 }
                values.append(word(k) | word(k + 1) << 32)
                k += 2
            } else {
                if k >= 4 { onStack = true }
                values.append(word(k))
                k += 1
            }
        }
        return values
    }

    /// Why an export was not compiled (nil when it was).
    /// Or, when it reaches (by direct calls) a function that was not compiled, why that one
    /// was not.
    func unsupported(_ name: String) -> String? {
        firstReached(from: name) { k, _ in
            let symbol = compiled.functionSymbols[k]
            return compiled.unsupported.first { $0.symbol == symbol }.map { "\(symbol): \($0.reason)" }
        }
    }

    /// Whether the export reaches a `memory.grow` (which fails on a compiled memory of fixed size)
    /// that can run: one after a `br`, `return`, `br_table` or `unreachable` in its block cannot.
    func growsMemory(_ name: String) -> Bool {
        // A memory with a declared maximum grows up to it (its size is then a word).
        if compiled.object.symbols.contains(where: { $0.name == "weft_memory_size" }) { return false }
        return firstReached(from: name) { _, body in
            Self.live(body).contains { if case .memoryGrow = $0 { true } else { false } } ? "" : nil
        } != nil
    }

    /// The instructions of a body that can run: what follows an unconditional branch or
    /// `unreachable` up to the end (or `else`) of its block is left out.
    static func live(_ body: [WasmModel.Instruction]) -> [WasmModel.Instruction] {
        var out: [WasmModel.Instruction] = []
        var dead: Int? = nil  // nesting depth inside the dead stretch
        for i in body {
            if let d = dead {
                switch i {
                case .block, .loop, .if: dead = d + 1
                case .end where d == 0, .else where d == 0:
                    dead = nil
                    out.append(i)
                case .end: dead = d - 1
                default: break
                }
                continue
            }
            out.append(i)
            switch i {
            case .br, .return, .brTable, .unreachable: dead = 0
            default: break
            }
        }
        return out
    }

    /// State a call may read or write: memory contents, memory size, the table, globals.
    struct State: Equatable {
        var memory = false
        var size = false
        var table = false
        var globals = Set<Int>()

        func overlaps(_ o: State) -> Bool {
            (memory && o.memory) || (size && o.size) || (table && o.table) || !globals.isDisjoint(with: o.globals)
        }
    }

    /// What the export and the functions it reaches may read and write. A load or store also
    /// reads the size (its bounds check), a grow writes it.
    func effects(_ name: String) -> (reads: State, writes: State) {
        var reads = State()
        var writes = State()
        _ = firstReached(from: name) { _, body in
            for i in body {
                switch i {
                case .load: (reads.memory, reads.size) = (true, true)
                case .store: (writes.memory, reads.size) = (true, true)
                case .memorySize: reads.size = true
                case .memoryGrow: (reads.size, writes.size) = (true, true)
                case .memoryFill, .memoryCopy, .memoryInit, .dataDrop:
                    (reads.memory, writes.memory, reads.size) = (true, true, true)
                case .globalGet(let g): reads.globals.insert(Int(g))
                case .globalSet(let g): writes.globals.insert(Int(g))
                case .callIndirect, .tableGet, .tableSize: reads.table = true
                case .tableSet, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop:
                    (reads.table, writes.table) = (true, true)
                default: break
                }
            }
            return nil
        }
        return (reads, writes)
    }

    /// The first non-nil `probe` over the defined functions the export reaches by calls.
    func firstReached(from name: String, _ probe: (Int, [WasmModel.Instruction]) -> String?) -> String? {
        guard let e = module.exports.first(where: { $0.name == name }), case .function(let start) = e.kind else {
            return nil
        }
        let imported = module.importedFunctionCount
        var seen = Set<Int>()
        var work = [Int(start)]
        while let k = work.popLast() {
            guard k >= imported, seen.insert(k).inserted else { continue }
            let body = module.functions[k - imported].body
            if let found = probe(k, body) { return found }
            for i in body {
                if case .call(let c) = i { work.append(Int(c)) }
            }
        }
        return nil
    }

    func invoke(_ name: String, _ args: [UInt64], budget: Int = 20_000_000) throws -> Outcome {
        let type = try functionType(name)
        // Results of more than four words come back in a buffer whose address goes first.
        let resultWords = type.results.reduce(0) { $0 + (($1 == .i64 || $1 == .f64) ? 2 : 1) }
        var buffer: UInt32?
        if resultWords > 4 { buffer = try machine.allocate([UInt8](repeating: 0, count: 8 * resultWords)) }
        let params = (buffer.map { [(UInt64($0), WasmModel.ValueType.i32)] } ?? []) + Array(zip(args, type.params))
        let outcome = try machine.call(name, Self.words(params), budget: budget)
        switch outcome {
        case .returned(let r0, let r1):
            var words = [r0, r1, machine.register(2), machine.register(3)]
            if let buffer {
                // Laid out as a C struct of the result types (64-bit values 8-byte aligned).
                words = []
                var offset: UInt32 = 0
                for t in type.results {
                    let size: UInt32 = (t == .i64 || t == .f64) ? 8 : 4
                    offset = (offset + size - 1) / size * size
                    for h in 0..<size / 4 { words.append(try machine.word(at: buffer + offset + 4 * h)) }
                    offset += size
                }
            }
            var out: [UInt64] = []
            var w = 0
            for t in type.results {
                if t == .i64 || t == .f64 {
                    out.append(UInt64(words[w + 1]) << 32 | UInt64(words[w]))
                    w += 2
                } else {
                    out.append(UInt64(words[w]))
                    w += 1
                }
            }
            return .values(out)
        case .trapped: return .trap
        case .runaway(let pc): return .other("runaway at 0x\(String(pc, radix: 16))")
        case .fault(let m, let pc): return .other("fault \(m) at 0x\(String(pc, radix: 16))")
        }
    }

    /// A WasmKit value's bits as the machine holds them (floats as their IEEE bits).
    static func bits(_ v: WasmKit.Value) -> UInt64 {
        switch v {
        case .i32(let x): UInt64(x)
        case .i64(let x): x
        case .f32(let x): UInt64(x)
        case .f64(let x): x
        default: 0
        }
    }

    /// The WasmKit value of `type` whose bits the machine holds (a reference's word: an
    /// externref the host's value, a funcref its record's address; 0 null).
    static func value(_ bits: UInt64, _ type: WasmModel.ValueType) -> WasmKit.Value {
        switch type {
        case .i64: .i64(bits)
        case .f32: .f32(UInt32(truncatingIfNeeded: bits))
        case .f64: .f64(bits)
        case .ref(let r) where r.heap == .extern: .ref(.extern(bits == 0 ? nil : Int(bits)))
        case .ref: .ref(.function(bits == 0 ? nil : Int(bits)))
        default: .i32(UInt32(truncatingIfNeeded: bits))
        }
    }

    /// The call's observation as `Differential.observation` writes it for WasmKit: results
    /// (or "trap"), a hash of memory's first 64 KiB but `ignoring` (a dead stack), the exported global `g`.
    func observe(_ call: Differential.Call, ignoring: Range<Int> = 0..<0) throws -> String {
        let results: [WasmKit.Value]?
        switch try invoke(call.export, call.arguments.map(Self.bits)) {
        case .values(let values):
            let type = try functionType(call.export)
            results = zip(values, type.results).map(Self.value)
        case .trap: results = nil
        case .other(let what): return what
        }
        let size = Int(min((module.allMemories.first?.min ?? 0) * 65536, 65536))
        let g = try machine.symbols["g"].map { WasmKit.Value.i32(try machine.word(at: $0)) }
        return Differential.observation(
            results: results, memory: size > 0 ? try memory(size) : nil, g: g, ignoring: ignoring)
    }

    func functionType(_ name: String) throws -> FuncType {
        guard let e = module.exports.first(where: { $0.name == name }), case .function(let k) = e.kind else {
            throw Failure(description: "no exported function \(name)")
        }
        return module.types[Int(module.functionTypeIndices[Int(k)])]
    }

    /// The pieces of linear memory (`MemoryReservation.pieces`): one, `weft_memory` from 0,
    /// but under `relocated`.
    var pieces: [MemoryPiece] {
        compiled.memory?.pieces
            ?? [MemoryPiece(symbol: "weft_memory", start: 0, end: UInt64(UInt32.max), initialized: false)]
    }

    /// The machine address of Wasm address `address`: in its piece (the last starting at or
    /// below it), as the compiled code reaches it.
    func physicalAddress(_ address: UInt32) throws -> UInt32 {
        let piece = pieces.last { $0.start <= UInt64(address) } ?? pieces.first
        guard let piece, let base = machine.symbols[piece.symbol] else {
            throw Failure(description: "no linear memory")
        }
        return base &+ address &- UInt32(truncatingIfNeeded: piece.start)
    }

    /// The runs of `[address, address + count)` each within one piece: (offset in the range,
    /// machine address, length); bytes in no piece are left out.
    func runs(_ count: Int, at address: UInt32) throws -> [(Int, UInt32, Int)] {
        var result: [(Int, UInt32, Int)] = []
        var done = 0
        while done < count {
            let a = UInt64(address) + UInt64(done)
            guard let piece = pieces.last(where: { $0.start <= a }), a < piece.end else {
                // Below the first piece or past the reserve: up to the next piece.
                let next = pieces.map(\.start).filter { $0 > a }.min().map { Int($0 - a) } ?? count - done
                done += min(next, count - done)
                continue
            }
            let n = min(count - done, Int(piece.end - a))
            result.append((done, try physicalAddress(UInt32(truncatingIfNeeded: a)), n))
            done += n
        }
        return result
    }

    /// Writes bytes into linear memory at a Wasm address.
    func write(_ bytes: [UInt8], at address: UInt32) throws {
        for (offset, at, n) in try runs(bytes.count, at: address) {
            try machine.write(Array(bytes[offset..<offset + n]), at: at)
        }
    }

    /// Reads bytes of linear memory at a Wasm address (zeros where no piece lies).
    func read(_ count: Int, at address: UInt32) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        for (offset, at, n) in try runs(count, at: address) {
            bytes.replaceSubrange(offset..<offset + n, with: try machine.read(n, at: at))
        }
        return bytes
    }

    /// Linear memory as the machine holds it: its first `count` bytes, those past the reserve
    /// (`linked` and `base` may reserve less than the Wasm memory) as zeros.
    func memory(_ count: Int) throws -> [UInt8] {
        guard machine.symbols["weft_memory"] != nil else { return [] }
        return try read(count, at: 0)
    }
}
