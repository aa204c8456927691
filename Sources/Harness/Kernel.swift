import Foundation
import WasmKit

/// A bench kernel's manifest (`bench/corpus/<kernel>/kernel.json` or
/// `bench/programs/<kernel>/kernel.json`): its units, hot exports and input vectors. See
/// `bench/corpus/README.md` for the schema.
public struct KernelManifest: Codable, Sendable {
    public var name: String
    public var units: [String]
    public var hot: [String]
    public var vectors: [Vector]

    /// A sequence of calls on one fresh instance, with the buffers they point into.
    public struct Vector: Codable, Sendable {
        public var calls: [Call]
        public var buffers: [Buffer]
    }

    public struct Call: Codable, Sendable {
        public var export: String
        public var args: [Argument]
    }

    /// A scalar (JSON integer → i32 or i64 by the parameter type; `{"f32": x}`, `{"f64": x}`)
    /// or the address of a buffer (`{"buf": k}`).
    public enum Argument: Codable, Sendable {
        case integer(Int64)
        case f32(Float)
        case f64(Double)
        case buffer(Int)

        private enum Keys: String, CodingKey { case f32, f64, buf }

        public init(from decoder: Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let v = try? single.decode(Int64.self) {
                self = .integer(v)
                return
            }
            if let single = try? decoder.singleValueContainer(), let v = try? single.decode(UInt64.self) {
                self = .integer(Int64(bitPattern: v))
                return
            }
            let c = try decoder.container(keyedBy: Keys.self)
            if let v = try c.decodeIfPresent(Float.self, forKey: .f32) {
                self = .f32(v)
            } else if let v = try c.decodeIfPresent(Double.self, forKey: .f64) {
                self = .f64(v)
            } else {
                self = .buffer(try c.decode(Int.self, forKey: .buf))
            }
        }

        public func encode(to encoder: Encoder) throws {
            switch self {
            case .integer(let v):
                var c = encoder.singleValueContainer()
                try c.encode(v)
            case .f32(let v):
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(v, forKey: .f32)
            case .f64(let v):
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(v, forKey: .f64)
            case .buffer(let k):
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(k, forKey: .buf)
            }
        }
    }

    /// `size` bytes, from SplitMix64(`seed`) or given as `hex` (zero-padded to `size`).
    public struct Buffer: Codable, Sendable {
        public var size: Int
        public var seed: UInt64?
        public var hex: String?

        /// The buffer's initial bytes.
        public var initialBytes: [UInt8] {
            var bytes: [UInt8] = []
            if let hex {
                var chars = Array(hex.utf8).filter { $0 != UInt8(ascii: " ") }
                if chars.count % 2 == 1 { chars.append(UInt8(ascii: "0")) }
                var i = 0
                while i + 1 < chars.count {
                    bytes.append(UInt8(String(decoding: chars[i...i + 1], as: UTF8.self), radix: 16) ?? 0)
                    i += 2
                }
            } else {
                var state = seed ?? 0
                while bytes.count < size {
                    state &+= 0x9E37_79B9_7F4A_7C15
                    var z = state
                    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                    z ^= z >> 31
                    for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: z >> (8 * UInt64(k)))) }
                }
            }
            if bytes.count < size { bytes += Array(repeating: 0, count: size - bytes.count) }
            return Array(bytes.prefix(size))
        }
    }

    /// Where buffer `k` lives in linear memory: from 0x10000 up (`base` higher in a module
    /// whose memory was moved up by `base`), each 16-byte aligned.
    public func bufferAddresses(_ vector: Vector, base: UInt32 = 0) -> [UInt32] {
        var addresses: [UInt32] = []
        var next: UInt32 = 0x10000 + base
        for b in vector.buffers {
            addresses.append(next)
            next += (UInt32(b.size) + 15) & ~15
        }
        return addresses
    }

    public static func load(_ path: String) throws -> KernelManifest {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(KernelManifest.self, from: data)
    }
}

/// What running one vector gave: each call's results (or its trap) and every buffer after.
///
/// Values are written `i32:0x…`, `i64:0x…`, `f32:0x…` (bits), `f64:0x…`; a trap is
/// `trap:<reason>`. Equal observations mean equal behaviour.
public struct KernelObservation: Codable, Sendable, Equatable {
    public var results: [[String]]
    public var buffers: [String]

    public init(results: [[String]], buffers: [String]) {
        self.results = results
        self.buffers = buffers
    }
}

/// Runs a kernel's vectors on a Wasm binary in WasmKit.
public enum KernelRunner {
    public enum Failure: Error, CustomStringConvertible {
        case message(String)
        public var description: String {
            switch self {
            case .message(let m): m
            }
        }
    }

    /// Runs every vector on a fresh instance of `binary`; `base` is how far its memory was
    /// moved up (`Module.movingMemory(by:)`): the buffers move with it.
    public static func run(binary: [UInt8], manifest: KernelManifest, base: UInt32 = 0) throws
        -> [KernelObservation]
    {
        let module = try parseWasm(bytes: binary, features: [.referenceTypes])
        var observations: [KernelObservation] = []
        for vector in manifest.vectors {
            let store = Store(engine: Engine())
            let instance = try module.instantiate(store: store)
            guard case .memory(let memory) = instance.export("memory") else {
                throw Failure.message("\(manifest.name): no exported memory")
            }
            let addresses = manifest.bufferAddresses(vector, base: base)
            let end = Int(addresses.last ?? 0x10000 + base) + (vector.buffers.last?.size ?? 0)
            guard end <= memory.byteCount else {
                throw Failure.message("\(manifest.name): buffers end at \(end), past the memory")
            }
            for (k, buffer) in vector.buffers.enumerated() where buffer.size > 0 {
                memory.withUnsafeMutableBufferPointer(offset: UInt(addresses[k]), count: buffer.size) {
                    mem in
                    for (i, b) in buffer.initialBytes.enumerated() { mem[i] = b }
                }
            }
            var results: [[String]] = []
            for call in vector.calls {
                guard let function = instance.exports[function: call.export] else {
                    throw Failure.message("\(manifest.name): no export \(call.export)")
                }
                let params = function.type.parameters
                guard params.count == call.args.count else {
                    throw Failure.message(
                        "\(manifest.name): \(call.export) takes \(params.count) arguments, the vector gives \(call.args.count)"
                    )
                }
                let args: [Value] = zip(call.args, params).map { arg, type in
                    switch arg {
                    case .buffer(let k): return .i32(k < addresses.count ? addresses[k] : 0)
                    case .f32(let v): return .f32(v.bitPattern)
                    case .f64(let v): return .f64(v.bitPattern)
                    case .integer(let v):
                        if case .i64 = type { return .i64(UInt64(bitPattern: v)) }
                        return .i32(UInt32(truncatingIfNeeded: v))
                    }
                }
                do {
                    results.append(try function.invoke(args).map(describe))
                } catch let trap as Trap {
                    let reason = trap.description.split(separator: "\n").first.map(String.init) ?? "trap"
                    results.append(["trap:" + reason.replacingOccurrences(of: "Trap: ", with: "")])
                }
            }
            let buffers = vector.buffers.enumerated().map { k, b in
                b.size == 0
                    ? ""
                    : memory.withUnsafeBufferPointer(offset: UInt(addresses[k]), count: b.size) { mem in
                        mem.map { String(format: "%02x", $0) }.joined()
                    }
            }
            observations.append(KernelObservation(results: results, buffers: buffers))
        }
        return observations
    }

    /// A value as observations write it: `i32:0x…`, `i64:0x…`, `f32:0x…` (bits), `f64:0x…`.
    public static func describe(_ value: Value) -> String {
        switch value {
        case .i32(let v): "i32:0x" + String(v, radix: 16)
        case .i64(let v): "i64:0x" + String(v, radix: 16)
        case .f32(let v): "f32:0x" + String(v, radix: 16)
        case .f64(let v): "f64:0x" + String(v, radix: 16)
        default: "\(value)"
        }
    }
}

/// One kernel of the bench: its name, the corpus it belongs to and its folder (holding
/// `kernel.json` and `reference.json`). `bench/build.sh` builds it into `bench/build/<name>/`.
public struct BenchKernel: Sendable, Hashable {
    /// The bench's two corpora, each a folder of `bench/` (and the same schema).
    public enum Corpus: String, Sendable, CaseIterable {
        /// `bench/corpus`: small kernels, one embedded hot path each.
        case corpus
        /// `bench/programs`: programs the size and shape of real firmware (200–2,000 lines of C
        /// in 2–5 units, several hot exports).
        case programs
    }

    public var name: String
    public var corpus: Corpus
    public var directory: String

    /// The manifest, `<directory>/kernel.json`.
    public var manifestPath: String { directory + "/kernel.json" }
    /// The recorded observations, `<directory>/reference.json`.
    public var referencePath: String { directory + "/reference.json" }
    /// Where `bench/build.sh` puts the kernel's four builds.
    public var buildDirectory: String { BenchKernels.root + "/build/" + name }

    public func manifest() throws -> KernelManifest { try KernelManifest.load(manifestPath) }

    /// The recorded reference behaviour, one observation per vector.
    public func reference() throws -> [KernelObservation] {
        try JSONDecoder().decode(
            [KernelObservation].self, from: Data(contentsOf: URL(fileURLWithPath: referencePath)))
    }
}

/// The one listing of the bench's kernels across both corpora, for every test (the scripts'
/// twin is `bench/kernels.py`). Names are unique across the corpora (a test checks it), so a
/// test takes a kernel by name.
public enum BenchKernels {
    /// The `bench/` folder of this checkout.
    public static let root = TestPaths.packageRoot + "/bench"

    /// Every kernel, corpus by corpus and by name within one; a name in both corpora is listed
    /// twice.
    public static let all: [BenchKernel] = BenchKernel.Corpus.allCases.flatMap { corpus in
        let folder = root + "/" + corpus.rawValue
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/kernel.json") }.sorted()
            .map { BenchKernel(name: $0, corpus: corpus, directory: "\(folder)/\($0)") }
    }

    /// The names of every kernel (test arguments).
    public static var names: [String] { all.map(\.name) }

    /// The names of one corpus's kernels.
    public static func names(in corpus: BenchKernel.Corpus) -> [String] {
        all.filter { $0.corpus == corpus }.map(\.name)
    }

    /// The kernel called `name`, in either corpus.
    public static func named(_ name: String) throws -> BenchKernel {
        guard let kernel = all.first(where: { $0.name == name }) else {
            throw KernelRunner.Failure.message("no bench kernel \(name) in bench/corpus or bench/programs")
        }
        return kernel
    }
}
