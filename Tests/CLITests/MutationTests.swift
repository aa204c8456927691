import Dispatch
import Foundation
import Harness
import Pipeline
import Testing
import WasmModel

/// Thousands of deterministic mutations of valid modules (bit flips, truncations, insertions,
/// byte overwrites, section swaps and duplications). For each: no crash, no hang, and either a
/// clean one-line error or an output that validates (weft's validator and wabt's).
@Suite struct MutationTests {
    typealias Random = SplitMix64

    static let seedTexts: [String] = [
        (try? String(contentsOfFile: TestPaths.packageRoot + "/examples/gust_poll.wat", encoding: .utf8))
            ?? "",
        """
        (module $kitchen
          (type $bin (func (param i32 i32) (result i32)))
          (import "env" "g" (global $imported i32))
          (import "env" "t" (table 1 funcref))
          (memory 1)
          (global $counter (mut i64) (i64.const 0))
          (func $sel (type $bin) (select (local.get 0) (local.get 1) (i32.lt_u (local.get 0) (local.get 1))))
          (func $sw (export "sw") (param i32) (result i32)
            (block $a (block $b (block $c
              (br_table $a $b $c (local.get 0)))
              (return (i32.const 3)))
              (return (i32.const 2)))
            (i32.const 1))
          (func (export "mem") (param i32) (result i64)
            (i64.store offset=8 (local.get 0) (i64.extend_i32_u (local.get 0)))
            (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
            (memory.copy (i32.const 0) (i32.const 8) (i32.const 8))
            (i64.load (i32.const 0)))
          (func (export "loop") (param i32) (result i32) (local i32)
            (loop $l
              (local.set 1 (i32.add (local.get 1) (call_indirect (type $bin) (local.get 0) (local.get 1) (i32.const 0))))
              (br_if $l (i32.gt_u (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 0))))
            (local.get 1))
          (elem (i32.const 0) func $sel)
          (data (i32.const 32) "weft\\00\\ff")
          (data "passive")
        )
        """,
        """
        (module
          (func $f (param f64) (result f32) (f32.demote_f64 (f64.sqrt (local.get 0))))
          (func (export "conv") (param i64) (result i32)
            (i32.wrap_i64 (i64.rotl (local.get 0) (i64.const 13))))
          (func (export "ifs") (param i32) (result i32 i32)
            (if (result i32 i32) (local.get 0)
              (then (i32.const 1) (i32.const 2))
              (else (i32.const 3) (i32.const 4)))))
        """,
    ]

    /// Each section's whole extent (id byte, size and payload).
    static func sections(_ bytes: [UInt8]) -> [Range<Int>] { ModuleSize.sections(bytes).map(\.whole) }

    static func mutate(_ seed: [UInt8], _ random: inout Random) -> [UInt8] {
        var bytes = seed
        switch random.below(6) {
        case 0:  // bit flips
            for _ in 0...random.below(3) {
                let i = 8 + random.below(bytes.count - 8)
                bytes[i] ^= UInt8(1) << UInt8(random.below(8))
            }
        case 1:  // truncation
            bytes = Array(bytes.prefix(random.below(bytes.count)))
        case 2:  // insertion
            let at = random.below(bytes.count + 1)
            let inserted = (0...random.below(8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            bytes.insert(contentsOf: inserted, at: at)
        case 3:  // overwrite with an interesting byte
            let i = random.below(bytes.count)
            bytes[i] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x0B, 0x41][random.below(8)]
        case 4:  // swap two sections
            let s = sections(bytes)
            if s.count >= 2 {
                let a = random.below(s.count)
                var b = random.below(s.count)
                if a == b { b = (a + 1) % s.count }
                let (first, second) = (min(a, b), max(a, b))
                var out: [UInt8] = Array(bytes[..<s[first].lowerBound])
                out += bytes[s[second]]
                out += bytes[s[first].upperBound..<s[second].lowerBound]
                out += bytes[s[first]]
                out += bytes[s[second].upperBound...]
                bytes = out
            }
        default:  // duplicate a section
            let s = sections(bytes)
            if let r = s.isEmpty ? nil : s[random.below(s.count)] {
                bytes.insert(contentsOf: bytes[r], at: r.upperBound)
            }
        }
        return bytes
    }

    enum Outcome: Sendable {
        case error(String)
        case output([UInt8])
    }

    /// Runs the pipeline on a worker thread; nil when it does not finish in time (a hang).
    static func runWithDeadline(_ bytes: [UInt8], seconds: Double) -> Outcome? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Outcome?
        let thread = Thread {
            do {
                outcome = .output(try TestPaths.optimizer.run(bytes, file: "mutant.wasm").bytes)
            } catch let error as WasmError {
                outcome = .error(error.description)
            } catch {
                outcome = .error("unexpected error type: \(error)")
            }
            done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return outcome
    }

    @Test func twoThousandMutations() throws {
        var seeds: [[UInt8]] = []
        for text in Self.seedTexts {
            seeds.append(try TestPaths.optimizer.run(Array(text.utf8), file: "seed.wat").bytes)
        }
        var random = Random(seed: 0x5745_4654)
        var errors = 0
        var outputs: [[UInt8]] = []
        let count = 2400
        for n in 0..<count {
            let seed = seeds[n % seeds.count]
            let mutant = Self.mutate(seed, &random)
            guard let outcome = Self.runWithDeadline(mutant, seconds: 20) else {
                Issue.record("mutation \(n) hangs (\(mutant.count) bytes)")
                return
            }
            switch outcome {
            case .error(let message):
                errors += 1
                #expect(message.hasPrefix("mutant.wasm: "), "mutation \(n): \(message)")
                #expect(!message.contains("\n"), "mutation \(n): \(message)")
                #expect(!message.contains("internal error"), "mutation \(n): \(message)")
            case .output(let bytes):
                outputs.append(bytes)
            }
        }
        // Outputs must validate: weft's own validator on re-reading, and wabt's.
        for (i, bytes) in outputs.enumerated() {
            do {
                _ = try Pipeline(passes: []).run(bytes, file: "out.wasm")
            } catch {
                Issue.record("output \(i) does not re-validate: \(error)")
            }
            if let message = try Subprocess.wasmValidate(bytes) {
                Issue.record("output \(i) fails wasm-validate: \(message)")
            }
        }
        print(
            "mutations: \(count), rejected with an error: \(errors), accepted and valid: \(outputs.count)"
        )
        #expect(errors > count / 2)
    }

    /// The same through the command line: exit code 1, one line, for a sample of mutants.
    @Test func commandLineOnMutants() throws {
        let seed = try TestPaths.optimizer.run(Array(Self.seedTexts[1].utf8), file: "seed.wat").bytes
        var random = Random(seed: 42)
        let path = NSTemporaryDirectory() + "weft-mutant-\(UUID().uuidString).wasm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        for n in 0..<60 {
            let mutant = Self.mutate(seed, &random)
            #expect(FileManager.default.createFile(atPath: path, contents: Data(mutant)))
            let result = try Subprocess.run(
                TestPaths.weft, ["optimize", path, "-o", "/dev/null"], timeout: 30)
            #expect(!result.crashed && !result.timedOut, "mutant \(n)")
            #expect(result.status == 0 || result.status == 1, "mutant \(n): status \(result.status)")
            if result.status == 1 {
                #expect(result.stderr.hasPrefix("weft: error: \(path): "), "mutant \(n): \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "mutant \(n): \(result.stderr)")
            }
        }
    }
}
