import Foundation
import Harness
import Pipeline
import Synchronization
import Testing

/// Every `.wast` file of the spec suite, each module sent through `weft optimize`'s pipeline
/// and every assertion checked on the output with WasmKit; every output also passes wabt's
/// `wasm-validate`.
@Suite struct SpecSuiteTests {
    static let files: [String] = {
        let dir = TestPaths.specSuite
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".wast") }.sorted()
    }()

    /// A clone without `../shared` skips the spec tests, saying so, except under `CI=true`,
    /// where a missing suite fails; a folder that is there must hold the suite.
    @Test func suiteIsPresent() {
        guard TestPaths.specSuiteIsPresent else {
            let message =
                "spec suite not found at \(TestPaths.specSuite): the spec tests are skipped (set WEFT_SPEC_SUITE to the folder of the core suite's .wast files)"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record(Comment(rawValue: message + "; under CI=true the suite must be there"))
            } else {
                print(message)
            }
            return
        }
        #expect(Self.files.count >= 50, "the spec suite at \(TestPaths.specSuite) holds too few .wast files")
    }

    @Test func skipListOnlyShrinks() {
        #expect(SkipList.entryCount <= SkipList.maximumEntries)
    }

    @Test(arguments: files)
    func script(_ file: String) throws {
        if let reason = SkipList.files[file] {
            print("\(file): skipped (\(reason))")
            return
        }
        let outputs = Mutex<[[UInt8]]>([])
        let pipeline = try TestPaths.optimizer
        let runner = SpecRunner { binary, name in
            let bytes = try pipeline.run(binary, file: name).bytes
            outputs.withLock { $0.append(bytes) }
            return bytes
        }
        let report = runner.run(
            path: TestPaths.specSuite + "/" + file, skip: SkipList.directives[file] ?? [:])
        print(report.summary)
        for failure in report.failures.prefix(20) {
            Issue.record("\(file):\(failure.line): \(failure.message)")
        }
        #expect(report.failed == 0, "\(report.summary)")
        #expect(
            report.nowPassing.isEmpty,
            "\(file): lines \(report.nowPassing) pass now: take them off SkipList")
        #expect(report.passed > 0)

        // Everything weft wrote must pass wabt's validator too (where wabt 1.0.32 knows the
        // features used; see `Wabt.beyondWabt`).
        var beyond = 0
        for (index, bytes) in outputs.withLock({ $0 }).enumerated() {
            switch try Wabt.validate(bytes) {
            case .valid: break
            case .beyondWabt: beyond += 1
            case .invalid(let message):
                Issue.record("\(file): output module #\(index + 1) fails wasm-validate: \(message)")
            }
        }
        if beyond > 0 {
            print("\(file): \(beyond) output module(s) use Wasm 3.0 forms wabt 1.0.32 cannot check")
        }
    }
}
