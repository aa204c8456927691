#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The rules of a directory of `.weft` files (or of named files), loaded at run time.
public struct RuleSet: Hashable, Sendable {
    public var rules: [Rule]
    public var files: [String]
    /// When calls are worth trying to inline (`inline` entries of the files).
    public var inlinePolicies: [InlinePolicy]

    public init(rules: [Rule], files: [String], inlinePolicies: [InlinePolicy] = []) {
        self.rules = rules
        self.files = files
        self.inlinePolicies = inlinePolicies
    }

    /// Loads `paths`: each a `.weft` file or a directory of them (sorted by name). Rule names
    /// must be unique across files. A set parsed before from the same files by the same
    /// executable is read from `RuleCache` in `cache` instead (nil: parsed, nothing kept).
    public static func load(_ paths: [String], cache: String? = RuleCache.directory) throws(RuleError) -> RuleSet {
        var files: [String] = []
        for path in paths {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw RuleError(file: path, line: 0, column: 0, message: "no such file or directory")
            }
            if isDirectory {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".weft") }.sorted().map { "\(path)/\($0)" }
            } else {
                files.append(path)
            }
        }
        var contents: [[UInt8]] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RuleError(file: file, line: 0, column: 0, message: "cannot read the file")
            }
            contents.append(Array(data))
        }
        let key = RuleCache.key(kind: "rules", version: RuleArchive.version, files: files, contents: contents)
        if let cache, let bytes = RuleCache.read(key, in: cache), let cached = RuleArchive.decode(bytes),
            cached.files == files
        {
            return cached
        }
        var rules: [Rule] = []
        var policies: [InlinePolicy] = []
        var seen: [String: SourceLocation] = [:]
        for (file, data) in zip(files, contents) {
            let parsed = try RuleParser.parseAll(file: file, text: String(decoding: data, as: UTF8.self))
            policies += parsed.policies
            for rule in parsed.rules {
                if let first = seen[rule.name] {
                    throw RuleError(
                        file: file, line: rule.location.line, column: rule.location.column,
                        message: "duplicate rule name `\(rule.name)`", hint: "first defined at \(first)")
                }
                seen[rule.name] = rule.location
                rules.append(rule)
            }
        }
        let set = RuleSet(rules: rules, files: files, inlinePolicies: policies)
        if let cache, let bytes = RuleArchive.encode(set) { RuleCache.write(bytes, key, in: cache) }
        return set
    }
}

extension RuleSet {
    /// Where rules come from when no `--rules` is given: `$WEFT_RULES`, else `./rules`,
    /// else the `rules/` folder of the checkout the executable was built in (found by walking
    /// up from the executable). Nil when none exists.
    public static func defaultDirectory(executable: String) -> String? {
        let fm = FileManager.default
        func hasRules(_ dir: String) -> Bool {
            ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.hasSuffix(".weft") }
        }
        if let env = ProcessInfo.processInfo.environment["WEFT_RULES"], !env.isEmpty { return env }
        if hasRules("rules") { return "rules" }
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("rules").path
            if hasRules(candidate) { return candidate }
        }
        return nil
    }
}
