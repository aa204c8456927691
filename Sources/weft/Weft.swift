import ArgumentParser

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
}
