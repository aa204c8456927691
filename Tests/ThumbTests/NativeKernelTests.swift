import ELF
import Foundation
import Harness
import Testing
import ThumbHarness
import WasmDecode
import WasmModel

/// The harness on objects nobody here wrote: every kernel of the bench (`bench/corpus` and
/// `bench/programs`), compiled by `clang -Oz` and by `arm-none-eabi-gcc -Os` for Cortex-M3,
/// runs in the Unicorn machine on its vectors and gives the reference behaviour recorded from
/// the Wasm build (B): the same results, traps and buffers. Kernels that call the AEABI helpers (floats, 64-bit division) are first linked
/// with the toolchain's libgcc by `arm-none-eabi-ld` and loaded as an image.
@Suite struct NativeKernelTests {
    static let build = BenchKernels.root + "/build"
    static let kernels: [String] = BenchKernels.names

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A fresh machine with the kernel's native code: the object itself, or the object
    /// linked with libgcc when it has undefined symbols.
    static func machine(_ name: String, compiler: String, entry: String) throws -> Machine {
        let object = "\(build)/\(name)/\(name).\(compiler).o"
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: object)))
        let machine = try Machine()
        let file = try ELFFile(bytes)
        guard file.symbols.contains(where: { $0.section == 0 && !$0.name.isEmpty }) else {
            try machine.load(object: bytes)
            return machine
        }
        guard let gcc = Subprocess.which("arm-none-eabi-gcc"), let ld = Subprocess.which("arm-none-eabi-ld") else {
            throw Failure(description: "arm-none-eabi-gcc is needed for the AEABI helpers (make deps)")
        }
        let libgcc = try Subprocess.run(gcc, ["-mcpu=cortex-m3", "-mthumb", "-print-libgcc-file-name"])
        let path = String(decoding: libgcc.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let image = FileManager.default.temporaryDirectory.appendingPathComponent(
            "weft-\(name)-\(UUID().uuidString).elf"
        ).path
        defer { try? FileManager.default.removeItem(atPath: image) }
        let linked = try Subprocess.run(
            ld, ["-o", image, "-Ttext=0x\(String(Machine.codeBase, radix: 16))", "-e", entry, object, path])
        guard linked.status == 0 else { throw Failure(description: "\(name): arm-none-eabi-ld: \(linked.stderr)") }
        try machine.load(image: Array(try Data(contentsOf: URL(fileURLWithPath: image))))
        return machine
    }

    /// The arguments as AAPCS words: r0–r3 then the stack, 64-bit values in an even
    /// register pair or an 8-byte aligned stack slot (floats as their bits: soft-float).
    static func words(_ values: [(UInt64, Bool)]) -> [UInt32] {
        var words: [UInt32] = []
        for (value, wide) in values {
            if wide {
                if words.count < 4 && words.count % 2 == 1 { words.append(0) }
                if words.count > 4 && (words.count - 4) % 2 == 1 { words.append(0) }
                words += [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
            } else {
                words.append(UInt32(truncatingIfNeeded: value))
            }
        }
        return words
    }

    @Test(arguments: kernels, ["clang", "gcc"])
    func nativeObjectsGiveTheReferenceBehaviour(_ name: String, _ compiler: String) throws {
        let kernel = try BenchKernels.named(name)
        let manifest = try kernel.manifest()
        let reference = try kernel.reference()
        let module = try WasmDecoder.decode(
            Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.build)/\(name)/\(name).wasm"))), file: name)
        let types = module.functionTypeIndices
        var observed: [KernelObservation] = []
        for vector in manifest.vectors {
            let machine = try Self.machine(name, compiler: compiler, entry: manifest.hot[0])
            let addresses = try vector.buffers.map { try machine.allocate($0.initialBytes) }
            var results: [[String]] = []
            for call in vector.calls {
                guard let export = module.exports.first(where: { $0.name == call.export }),
                    case .function(let f) = export.kind, Int(f) < types.count
                else { throw Failure(description: "\(name): no export \(call.export)") }
                let type = module.types[Int(types[Int(f)])]
                let values: [(UInt64, Bool)] = zip(call.args, type.params).map { arg, param in
                    let wide = param == .i64 || param == .f64
                    switch arg {
                    case .buffer(let k): return (UInt64(k < addresses.count ? addresses[k] : 0), false)
                    case .f32(let v): return (UInt64(v.bitPattern), false)
                    case .f64(let v): return (v.bitPattern, true)
                    case .integer(let v): return (UInt64(bitPattern: v), wide)
                    }
                }
                switch try machine.call(call.export, Self.words(values)) {
                case .returned(let r0, let r1):
                    let wide = UInt64(r1) << 32 | UInt64(r0)
                    results.append(
                        type.results.map { t in
                            switch t {
                            case .i64: "i64:0x" + String(wide, radix: 16)
                            case .f64: "f64:0x" + String(wide, radix: 16)
                            case .f32: "f32:0x" + String(r0, radix: 16)
                            default: "i32:0x" + String(r0, radix: 16)
                            }
                        })
                case .trapped:
                    // Native code cannot say why it trapped; the reference's reason is kept
                    // when it also trapped there.
                    let expected =
                        reference.indices.contains(observed.count)
                        ? reference[observed.count].results.indices.contains(results.count)
                            ? reference[observed.count].results[results.count] : [] : []
                    results.append(expected.first?.hasPrefix("trap:") == true ? expected : ["trap"])
                case .runaway(let pc):
                    throw Failure(description: "\(name): \(call.export) ran away at 0x\(String(pc, radix: 16))")
                case .fault(let message, let pc):
                    throw Failure(
                        description: "\(name): \(call.export) faulted at 0x\(String(pc, radix: 16)): \(message)")
                }
            }
            let buffers = try vector.buffers.enumerated().map { k, b in
                b.size == 0
                    ? "" : try machine.read(b.size, at: addresses[k]).map { String(format: "%02x", $0) }.joined()
            }
            observed.append(KernelObservation(results: results, buffers: buffers))
        }
        #expect(observed.count == reference.count)
        for (k, (o, r)) in zip(observed, reference).enumerated() {
            #expect(o.results == r.results, "\(name) (\(compiler)) vector \(k): results")
            #expect(o.buffers == r.buffers, "\(name) (\(compiler)) vector \(k): buffers")
        }
    }
}
