import Compile
import Passes
import WasmModel

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What one run of `weft optimize` or `weft compile` measured, as `--stats --json` writes it:
/// one JSON object with the sizes, each pass's figures and the pipeline's notes.
///
/// Invariant: every size is in bytes; `passes` names each pass once, in the order it first
/// ran; the fields of the other command are absent (nil), never zero.
public struct StatisticsReport: Encodable, Sendable {
    /// A Wasm module's size: the whole file, its code section's payload, its functions.
    public struct ModuleFigures: Encodable, Sendable {
        public var bytes: Int
        public var code: Int
        public var functions: Int

        public init(_ size: ModuleSize) {
            bytes = size.total
            code = size.code
            functions = size.functions
        }
    }

    /// One pass over every function it ran on: runs, the changes it reported, its time.
    public struct PassFigures: Encodable, Sendable {
        public var name: String
        public var runs: Int
        public var changes: Int
        public var seconds: Double
    }

    /// One compiled function: its symbol and its `.text` bytes.
    public struct FunctionFigures: Encodable, Sendable {
        public var symbol: String
        public var bytes: Int
    }

    /// The storage linear memory got (`MemoryReservation`).
    public struct MemoryFigures: Encodable, Sendable {
        /// Bytes reserved for linear memory, and why that many.
        public var reserved: UInt64
        public var source: String
        /// Bytes the module's own memory declares initially.
        public var initial: UInt64
        public var grows: Bool
    }

    /// `optimize` or `compile`.
    public var command: String
    public var file: String
    /// optimize: the input (nil for a text input) and the output module.
    public var input: ModuleFigures?
    public var output: ModuleFigures?
    /// compile: the memory model, `.text` bytes, each function's bytes, linear memory, and
    /// the undefined symbols the object needs.
    public var memoryModel: String?
    public var text: Int?
    public var functions: [FunctionFigures]?
    public var linearMemory: MemoryFigures?
    public var undefined: [String]?
    public var passes: [PassFigures] = []
    /// Named totals the passes add up (spill bytes, say).
    public var totals: [String: Int] = [:]
    /// The pipeline's statistics lines (saturation, inlining, exact extraction...), as
    /// `--stats` prints them.
    public var notes: [String] = []

    init(command: String, file: String, log: PassLog, notes: [String]) {
        self.command = command
        self.file = file
        self.notes = notes
        passes = log.statistics.order.compactMap { name in
            guard let f = log.statistics.figures[name] else { return nil }
            return PassFigures(name: name, runs: f.runs, changes: f.changes, seconds: Double(f.nanoseconds) / 1e9)
        }
        for (name, value) in log.totals { totals[name] = value }
    }

    /// The figures of `weft optimize` of `input` (a binary or text module) into `output`.
    public static func optimize(file: String, input: [UInt8], output: Pipeline.Output) -> StatisticsReport {
        var report = StatisticsReport(command: "optimize", file: file, log: output.passes, notes: output.statistics)
        if input.starts(with: [0, 0x61, 0x73, 0x6D]) { report.input = ModuleFigures(ModuleSize(binary: input)) }
        report.output = ModuleFigures(ModuleSize(binary: output.bytes))
        return report
    }

    /// The figures of `weft compile` of `file` under memory model `memory`.
    public static func compile(file: String, output: CompilePipeline.Output, memory: MemoryModel) -> StatisticsReport {
        let compiled = output.compiled
        var report = StatisticsReport(command: "compile", file: file, log: output.passes, notes: output.statistics)
        report.memoryModel = memory.rawValue
        report.text = compiled.object.text.count
        report.functions = compiled.functions.map { FunctionFigures(symbol: $0.symbol, bytes: $0.bytes) }
        report.undefined = compiled.undefined
        if let m = compiled.memory {
            report.linearMemory = MemoryFigures(
                reserved: m.bytes, source: m.source, initial: m.initialBytes, grows: m.grows)
        }
        return report
    }

    /// The report as one line of JSON, keys sorted.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
