import Foundation
import Harness
import Pipeline
import Testing

/// The bench corpus's reference behaviour: every vector of every hot export, run in WasmKit on
/// the unoptimized Wasm, must match the observations recorded in
/// `bench/corpus/<kernel>/reference.json`; and `wasm-opt -Oz`'s output and weft's must behave
/// the same. `WEFT_RECORD=1` rewrites the recordings (review the diff before committing).
@Suite struct ReferenceBehaviourTests {
    static let corpus = TestPaths.packageRoot + "/bench/corpus"
    static let build = TestPaths.packageRoot + "/bench/build"

    static let kernels: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(corpus)/\($0)/kernel.json") }
            .sorted()
    }()

    static func binary(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KernelRunner.Failure.message("missing \(path): run `make bench-build` first")
        }
        return Array(data)
    }

    @Test func corpusIsComplete() {
        #expect(Self.kernels.count >= 12)
    }

    @Test(arguments: kernels)
    func kernel(_ name: String) throws {
        let manifest = try KernelManifest.load("\(Self.corpus)/\(name)/kernel.json")
        #expect(!manifest.hot.isEmpty)
        let input = try Self.binary("\(Self.build)/\(name)/\(name).wasm")
        let observed = try KernelRunner.run(binary: input, manifest: manifest)

        let referencePath = "\(Self.corpus)/\(name)/reference.json"
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
