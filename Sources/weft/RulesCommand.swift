import ArgumentParser
import Compile
import Prove
import Rewrite
import Rules
import ShippedRules

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--rules DIR`, `--no-default-rules` and `--allow-unproven`, shared by the commands that
/// optimize: the shipped rules (built into weft) plus the folders and files named here and in
/// `$WEFT_RULES`, each added rule checked against its proof in `proofs/` inside its folder.
struct RulesOption: ParsableArguments {
    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "Add the rules (.weft), inline policies and tiles (.tiles) of this folder, or one .weft file, to the shipped set (repeatable; $WEFT_RULES adds a colon-separated list too).",
            valueName: "DIR"))
    var paths: [String] = []

    @Flag(
        name: .customLong("no-default-rules"),
        help: "Use only the rules, inline policies and tiles added with --rules, not the shipped ones.")
    var noDefaultRules = false

    @Flag(
        name: .customLong("allow-unproven"),
        help: "Use added rules whose proof (DIR/proofs/NAME.smt2, from `weft prove --write DIR`) is missing or stale.")
    var allowUnproven = false

    /// The folders and files added: `--rules`, then `$WEFT_RULES`.
    var added: [String] {
        let environment = ProcessInfo.processInfo.environment["WEFT_RULES"] ?? ""
        return paths + environment.split(separator: ":").map(String.init)
    }

    /// The rule set to optimize with: shipped (unless `--no-default-rules`) plus added; exits
    /// 1 with one line per problem when a file does not parse, the set is empty, or an added
    /// rule has no current proof (unless `--allow-unproven`).
    func load() throws -> RuleSet {
        let added = added
        let set: RuleSet
        do throws(RuleError) {
            let own = try RuleSet.parse(try Self.files(added, suffix: ".weft"))
            set = noDefaultRules ? own : try ShippedRules.ruleSet().adding(own)
        } catch {
            CommandIO.note(error.description)
            throw ExitCode(1)
        }
        if noDefaultRules && set.rules.isEmpty && set.inlinePolicies.isEmpty {
            CommandIO.note("weft: error: --no-default-rules and no rules added: name a folder with --rules DIR")
            throw ExitCode(1)
        }
        if !allowUnproven {
            var unproven = 0
            for rule in set.rules where !rule.location.file.hasPrefix(ShippedRules.folder + "/") {
                let store = ProofStore(besideRulesFile: rule.location.file)
                guard let problem = store.status(of: rule).problem(at: store.path(for: rule.name)) else { continue }
                CommandIO.note(
                    "\(rule.location): error: rule `\(rule.name)` \(problem); --allow-unproven uses it anyway")
                unproven += 1
            }
            if unproven > 0 { throw ExitCode(1) }
        }
        return set
    }

    /// The tiles to compile with: the shipped tiles and helper module (unless
    /// `--no-default-rules`) and those of the added folders (`*.tiles`, one `*.wat`).
    func tiles() throws -> TileSet {
        do {
            let added = added
            var tiles = noDefaultRules ? [] : ShippedRules.tiles
            tiles += try Self.files(added, suffix: ".tiles")
            var helpers = try Self.files(added, suffix: ".wat")
            if !noDefaultRules, let shipped = ShippedRules.helpers {
                helpers.removeAll { $0.bytes == shipped.bytes }
                guard helpers.isEmpty else {
                    throw CompileError(
                        "\(helpers[0].file): a tile helper module beside the shipped one; pass --no-default-rules to replace it"
                    )
                }
                helpers = [shipped]
            }
            guard !tiles.isEmpty else {
                throw CompileError("no tiles: --no-default-rules needs a folder with *.tiles files (--rules DIR)")
            }
            guard helpers.count <= 1 else {
                throw CompileError("\(helpers[1].file): more than one *.wat tile helper module")
            }
            return try TileSet.load(tiles: tiles, helpers: helpers.first)
        } catch let error as RuleError {
            CommandIO.note(error.description)
        } catch {
            CommandIO.note("weft: error: \(error)")
        }
        throw ExitCode(1)
    }

    /// The files of `paths` ending in `suffix`: a folder's in name order, a file when it has
    /// the suffix (a `.weft` file given is a rules file whatever its name, for `.weft`).
    static func files(_ paths: [String], suffix: String) throws(RuleError) -> [RuleSource] {
        var wanted: [String] = []
        for path in paths {
            var isDirectory = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory {
                let isTiles = path.hasSuffix(".tiles")
                let isHelper = path.hasSuffix(".wat")
                let kind = isTiles ? ".tiles" : isHelper ? ".wat" : ".weft"
                if kind != suffix { continue }
            }
            wanted.append(path)
        }
        return try RuleSource.read(wanted, suffix: suffix)
    }

    /// The sources `files` name, or the shipped rules when there are none (for `rules` and
    /// `prove`, which take FILES); exits 1 on a missing file.
    static func sources(_ files: [String]) throws -> [RuleSource] {
        guard !files.isEmpty else { return ShippedRules.rules }
        do {
            return try RuleSource.read(files, suffix: ".weft")
        } catch {
            CommandIO.note(error.description)
            throw ExitCode(1)
        }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check and list rewrite rules.",
        subcommands: [Check.self, List.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Parse and type-check rule files and run their examples.",
            discussion: """
                Prints `FILE: N rules` for each file and a summary, or every error as \
                FILE:LINE:COL: error: MESSAGE (hint: ...) on stderr and exits 1. Runs every \
                rule's `fires`/`stops` examples too. With --strict, a rule without both a \
                `fires` and a `stops` example is an error, as it is for the shipped rules. With \
                no FILES, checks the shipped rules. A set with no rules is an error.

                Example: weft rules check --strict my-rules/
                """
        )

        @Argument(help: "Rule files or folders (default: the shipped rules).")
        var files: [String] = []

        @Flag(help: "Also fail rules that lack a `fires` or a `stops` example.")
        var strict = false

        func run() throws {
            let sources = try RulesOption.sources(files)
            let (set, parseErrors) = RuleSet.parseReportingEvery(sources)
            var problems = parseErrors.map(\.description)
            for rule in set.rules {
                for failure in ExampleCheck.failures(of: rule) { problems.append("\(failure)") }
                if strict {
                    let fires = rule.examples.contains { $0.fires }
                    let stops = rule.examples.contains { !$0.fires }
                    if !fires || !stops {
                        let missing =
                            !fires && !stops
                            ? "a `fires` and a `stops` example" : fires ? "a `stops` example" : "a `fires` example"
                        problems.append("\(rule.location): error: rule `\(rule.name)` lacks \(missing) (--strict)")
                    }
                }
            }
            if sources.isEmpty || (set.rules.isEmpty && set.inlinePolicies.isEmpty && parseErrors.isEmpty) {
                problems.append("weft: error: no rules in \(files.joined(separator: ", ")): nothing to check")
            }
            for file in set.files {
                let count = set.rules.count { $0.location.file == file }
                let policies = set.inlinePolicies.count { $0.location.file == file }
                let also = policies == 0 ? "" : ", \(policies) inline polic\(policies == 1 ? "y" : "ies")"
                print("\(file): \(count) rule\(count == 1 ? "" : "s")\(also)")
            }
            for problem in problems { CommandIO.note(problem) }
            guard problems.isEmpty else {
                CommandIO.note("\(problems.count) error\(problems.count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
            let examples = set.rules.reduce(0) { $0 + $1.examples.count }
            print("ok: \(set.rules.count) rules in \(set.files.count) files, \(examples) examples hold")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List rules and inline policies: name, location and summary (--full for the rule itself).")

        @OptionGroup var rules: RulesOption

        @Flag(help: "Also print each rule as parsed.")
        var full = false

        func run() throws {
            var options = rules
            options.allowUnproven = true
            let set = try options.load()
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
