import ArgumentParser
import Rewrite
import Rules

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--rules DIR`, shared by the commands that load rules.
struct RulesOption: ParsableArguments {
    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "A rules directory or .weft file (repeatable). Default: $WEFT_RULES, ./rules, or the rules/ of weft's checkout.",
            valueName: "DIR"))
    var paths: [String] = []

    func load() throws -> RuleSet { try Self.load(paths) }

    static func load(_ paths: [String]) throws -> RuleSet {
        var paths = paths
        if paths.isEmpty {
            guard let dir = RuleSet.defaultDirectory(executable: CommandLine.arguments[0]) else {
                CommandIO.note("weft: error: no rules found: pass --rules DIR or set WEFT_RULES")
                throw ExitCode(1)
            }
            paths = [dir]
        }
        do {
            return try RuleSet.load(paths)
        } catch {
            CommandIO.note("weft: error: \(error.description)")
            throw ExitCode(1)
        }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check and list rewrite rules (rules/*.weft).",
        subcommands: [Check.self, List.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Parse and type-check rule files.",
            discussion: """
                Prints `FILE: N rules` for each file, or the first error as FILE:LINE:COL with a \
                hint, and exits 1. Runs every rule's `fires`/`stops` examples too. With no \
                FILES, checks the default rules directory.
                Example: weft rules check rules/strength.weft
                """
        )

        @Argument(help: "Rule files or directories.")
        var files: [String] = []

        func run() throws {
            let set = try RulesOption.load(files)
            var failures: [String] = []
            for rule in set.rules { failures += ExampleCheck.failures(of: rule) }
            for file in set.files {
                let count = set.rules.count { $0.location.file == file }
                let policies = set.inlinePolicies.count { $0.location.file == file }
                let also = policies == 0 ? "" : ", \(policies) inline polic\(policies == 1 ? "y" : "ies")"
                print("\(file): \(count) rule\(count == 1 ? "" : "s")\(also)")
            }
            let examples = set.rules.reduce(0) { $0 + $1.examples.count }
            for failure in failures { CommandIO.note("weft: error: \(failure)") }
            guard failures.isEmpty else { throw ExitCode(1) }
            print("ok: \(set.rules.count) rules in \(set.files.count) files, \(examples) examples hold")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List rules: name, location and summary (--full for the rule itself).")

        @OptionGroup var rules: RulesOption

        @Flag(help: "Also print each rule as parsed.")
        var full = false

        func run() throws {
            let set = try rules.load()
            let width = set.rules.map(\.name.count).max() ?? 0
            for rule in set.rules {
                let name = rule.name.padded(to: width)
                print("\(name)  \(rule.location)  \(rule.summary)")
                if full { print("    \(rule)") }
            }
            for policy in set.inlinePolicies {
                let name = policy.name.padded(to: width)
                print("\(name)  \(policy.location)  \(policy.summary)")
                if full { print("    \(policy)") }
            }
        }
    }
}
