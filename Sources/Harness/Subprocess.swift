import Foundation
import Pipeline
import Rules

/// Runs a command for tests: its exit status, output, and whether it had to be killed.
public struct ProcessResult: Sendable {
    public var status: Int32
    /// True when the process ended by a signal (a crash), not by `exit`.
    public var crashed: Bool
    public var timedOut: Bool
    public var stdout: [UInt8]
    public var stderr: String
}

public enum Subprocess {
    /// Runs `executable` with `arguments`, feeding `input` on stdin; kills it after `timeout`
    /// seconds.
    public static func run(
        _ executable: String, _ arguments: [String], input: [UInt8] = [], timeout: Double = 60,
        environment: [String: String]? = nil, directory: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both pipes concurrently so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        group.enter()
        DispatchQueue.global().async {
            out = stdout.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            err = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if !input.isEmpty { stdin.fileHandleForWriting.write(Data(input)) }
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        group.wait()
        return ProcessResult(
            status: process.terminationStatus,
            crashed: process.terminationReason == .uncaughtSignal && !timedOut,
            timedOut: timedOut,
            stdout: Array(out),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// The full path of a command on PATH, if there is one.
    public static func which(_ command: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A tool of the Swift toolchain (clang, llvm-objdump, ld.lld), found beside `swift` on
    /// PATH, else anywhere on PATH.
    public static func toolchain(_ tool: String) -> String? {
        if let swift = which("swift") {
            let resolved = URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent()
            let candidate = resolved.appendingPathComponent(tool).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return which(tool)
    }

    /// Runs wabt's `wasm-validate` on a binary; nil when it accepts it, else its message.
    public static func wasmValidate(_ binary: [UInt8]) throws -> String? {
        guard let tool = which("wasm-validate") else { return "wasm-validate (wabt) is not installed" }
        let path = NSTemporaryDirectory() + "weft-\(UUID().uuidString).wasm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard FileManager.default.createFile(atPath: path, contents: Data(binary)) else {
            return "cannot write \(path)"
        }
        let result = try run(tool, ["--enable-multi-memory", "--enable-extended-const", path])
        return result.status == 0 ? nil : result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Where the package and its built products are, for tests.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// The `weft` executable built beside the running tests (or `WEFT_BIN`).
    public static var weft: String {
        if let bin = ProcessInfo.processInfo.environment["WEFT_BIN"] { return bin }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("weft").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot + "/.build/debug/weft"
    }

    /// The shipped rules (`rules/` of this checkout), read once per test process.
    public static var rules: RuleSet {
        get throws { try loadedRules.get() }
    }

    private static let loadedRules = Result { () throws(RuleError) in try RuleSet.load([packageRoot + "/rules"]) }

    /// What `weft optimize` runs, with the shipped rules (compiled once per test process).
    public static var optimizer: Pipeline {
        get throws { try loadedOptimizer.get() }
    }

    private static let loadedOptimizer = loadedRules.map { Pipeline.optimize(rules: $0) }

    /// The spec suite folder: `WEFT_SPEC_SUITE`, default `../shared/testsuite` beside the package.
    public static var specSuite: String {
        if let dir = ProcessInfo.processInfo.environment["WEFT_SPEC_SUITE"], !dir.isEmpty {
            return dir.hasPrefix("/") ? dir : FileManager.default.currentDirectoryPath + "/" + dir
        }
        return packageRoot + "/../shared/testsuite"
    }

    /// Whether the spec suite folder exists; without it (a clone without `../shared`) the
    /// spec tests are skipped and say so.
    public static var specSuiteIsPresent: Bool { FileManager.default.fileExists(atPath: specSuite) }
}
