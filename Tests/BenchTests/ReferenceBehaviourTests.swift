import Foundation
import Harness
import Pipeline
import Testing

/// The bench's reference behaviour, over both corpora (`BenchKernels`: `bench/corpus` and
/// `bench/programs`): every vector of every hot export, run in WasmKit on the unoptimized Wasm,
/// must match the observations recorded in `reference.json` beside the kernel's manifest; and
/// `wasm-opt -Oz`'s output and weft's must behave the same. `WEFT_RECORD=1` rewrites the
/// recordings (review the diff before committing).
@Suite struct ReferenceBehaviourTests {
    static let build = BenchKernels.root + "/build"

    static let kernels: [String] = BenchKernels.names

    static func binary(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KernelRunner.Failure.message("missing \(path): run `make bench-build` first")
        }
        return Array(data)
    }

    @Test func corpusIsComplete() {
        #expect(BenchKernels.names(in: .corpus).count >= 12)
    }

    /// Both helpers' programs together make twelve (six each, issue J).
    @Test func programsAreComplete() {
        #expect(BenchKernels.names(in: .programs).count >= 12)
    }

    /// `bench/build/<name>/` holds either corpus's builds, so a name is in one corpus only.
    @Test func namesAreUniqueAcrossCorpora() {
        let names = BenchKernels.names
        let twice = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
        #expect(twice.isEmpty, "in both corpora: \(twice.sorted())")
        #expect(names.count == Set(names).count)
    }

    @Test(arguments: kernels)
    func kernel(_ name: String) throws {
        let kernel = try BenchKernels.named(name)
        let manifest = try kernel.manifest()
        #expect(!manifest.hot.isEmpty)
        let input = try Self.binary("\(Self.build)/\(name)/\(name).wasm")
        let observed = try KernelRunner.run(binary: input, manifest: manifest)

        let referencePath = kernel.referencePath
        if ProcessInfo.processInfo.environment["WEFT_RECORD"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(observed).write(to: URL(fileURLWithPath: referencePath))
        }
        let reference = try JSONDecoder().decode(
            [KernelObservation].self, from: Data(contentsOf: URL(fileURLWithPath: referencePath)))
        #expect(observed == reference, "\(name): the unoptimized Wasm no longer matches reference.json")

        // Every hot export is exercised by some vector.
        let called = Set(manifest.vectors.flatMap { $0.calls.map(\.export) })
        #expect(Set(manifest.hot).isSubset(of: called), "\(name): hot exports without vectors")

        let wasmOpt = try Self.binary("\(Self.build)/\(name)/\(name).wasm-opt.wasm")
        #expect(
            try KernelRunner.run(binary: wasmOpt, manifest: manifest) == reference,
            "\(name): wasm-opt -Oz")

        let weft = try TestPaths.optimizer.run(input, file: "\(name).wasm").bytes
        #expect(
            try KernelRunner.run(binary: weft, manifest: manifest) == reference, "\(name): weft optimize")
        #expect(try Subprocess.wasmValidate(weft) == nil)

        // C code keeps LLVM's shadow-stack convention, so the assumption holds for the corpus.
        let deadStack = Pipeline.optimize(rules: try TestPaths.rules, assumptions: Assumptions(deadStack: true))
        let framesGone = try deadStack.run(input, file: "\(name).wasm").bytes
        #expect(
            try KernelRunner.run(binary: framesGone, manifest: manifest) == reference,
            "\(name): weft optimize --assume-dead-stack")
        #expect(try Subprocess.wasmValidate(framesGone) == nil)
    }
}
