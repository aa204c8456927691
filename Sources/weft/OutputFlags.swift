import ArgumentParser

/// The optimization levels `-O` takes, as wasm-opt and clang users write them.
enum OptimizationLevel: String, ExpressibleByArgument, CaseIterable {
    /// For size: what weft always does.
    case z
    /// The same as `z` today: weft has no speed-for-size trade to make.
    case s
    /// No optimization passes.
    case none = "0"
}

/// `-Oz`, `-Os` and `-O0`, shared by `optimize` and `compile`.
struct OptimizationFlags: ParsableArguments {
    @Option(
        name: .customShort("O", allowingJoined: true),
        help: ArgumentHelp(
            "Optimization level: -Oz (the default) and -Os optimize for size, which weft always does (-Os is the same as -Oz today); -O0 runs no optimization passes (compile: as --no-optimize; optimize: the module is validated and written again).",
            valueName: "z|s|0"))
    var level: OptimizationLevel?

    /// Whether the optimization passes run.
    var optimizes: Bool { level != OptimizationLevel.none }
}

/// `--json`, for `--stats`: the statistics as one JSON object on stderr instead of lines.
struct StatsFormat: ParsableArguments {
    @Flag(help: "With --stats: print the statistics as one JSON object on stderr instead of lines of text.")
    var json = false
}
