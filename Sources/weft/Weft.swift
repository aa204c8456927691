import ArgumentParser
import Foundation

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
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            Self.main(nil)
            done.signal()
        }
        thread.stackSize = stackBytes
        thread.start()
        done.wait()
    }
}
