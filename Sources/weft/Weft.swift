import ArgumentParser

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
            rules/, extracts the smallest program, and writes it back as Wasm.
            """,
        version: "weft \(version)",
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
            Self.main(nil)
            return
        }
        pthread_join(thread, nil)
    }
}

/// The command thread's body: parses the arguments and runs the command (nonisolated, as a
/// thread's start routine is).
private func runCommand(_: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Weft.main(nil)
    return nil
}

extension String {
    /// The text followed by spaces up to `width` characters (as it is when already as wide).
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
