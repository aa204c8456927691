import ArgumentParser
import ShippedRules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct Weft: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "weft",
        abstract: "A WebAssembly optimizer and Cortex-M compiler driven by proven rewrite rules.",
        discussion: """
            Weft lifts Wasm functions into an e-graph, saturates it with the rules under \
            rules/, extracts the smallest program, and writes it back as Wasm (weft \
            optimize) or compiles it to a Thumb-2 ELF object for Cortex-M3 (weft compile).

            Exit status: 0 on success; 1 on an error (bad input, an invalid module, a file \
            that cannot be read or written) or a usage error (an unknown option, a bad \
            value, a missing argument), as wasm-opt and the LLVM tools exit; weft report \
            --fail-on-seams exits 3 while a seam remains, and weft prove has statuses of \
            its own (see weft prove --help).
            """,
        version: "weft \(version)\nshipped rules: sha256 \(ShippedRules.digest)",
        subcommands: [
            Optimize.self, CompileCommand.self, Validate.self, ReportCommand.self, RulesCommand.self, ProveCommand.self,
        ]
    )

    /// The stack the command runs on. Lifting, extraction and lowering recurse as deep as a
    /// function's longest chain of dependent values, which for a function of 100,000
    /// operators is more than the main thread's 8 MiB; the memory is reserved, and only what
    /// the recursion reaches is used.
    static let stackBytes = 1 << 30

    /// Parses the arguments and runs the command on a thread with `stackBytes` of stack (the
    /// process exits from there on an error, with the command's exit code).
    static func main() {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackBytes)
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, runCommand, nil)
        pthread_attr_destroy(&attributes)
        guard started == 0 else {
            // No thread of that size: run here, with the main thread's stack.
            parseAndRun()
            return
        }
        pthread_join(thread, nil)
    }

    /// ArgumentParser's `main`, but for the exit status of a usage error: 1, as wasm-opt and
    /// the LLVM tools exit, instead of EX_USAGE (64); its message and usage line are kept.
    /// `--help` and `--version` exit 0, and an `ExitCode` a command throws is the status.
    static func parseAndRun() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                CommandIO.note(fullMessage(for: error))
                exit(withError: ExitCode(1))
            }
            exit(withError: error)
        }
    }
}

/// The command thread's body: parses the arguments and runs the command (nonisolated, as a
/// thread's start routine is).
private func runCommand(_: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Weft.parseAndRun()
    return nil
}

extension String {
    /// The text followed by spaces up to `width` characters (as it is when already as wide).
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
