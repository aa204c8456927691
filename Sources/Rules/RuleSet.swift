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
        try parse(RuleSource.read(paths, suffix: ".weft"), cache: cache)
    }

    /// Parses `sources` (rules files' names and bytes) into one set, or reads it from
    /// `RuleCache` in `cache` when the same sources were parsed before (nil: parsed, nothing
    /// kept). Rule names must be unique across the sources.
    public static func parse(_ sources: [RuleSource], cache: String? = RuleCache.directory) throws(RuleError) -> RuleSet
    {
        let files = sources.map(\.file)
        let key = RuleCache.key(
            kind: "rules", version: RuleArchive.version, files: files, contents: sources.map(\.bytes))
        if let cache, let bytes = RuleCache.read(key, in: cache), let cached = RuleArchive.decode(bytes),
            cached.files == files
        {
            return cached
        }
        let (set, errors) = parseReportingEvery(sources)
        if let first = errors.first { throw first }
        if let cache, let bytes = RuleArchive.encode(set) { RuleCache.write(bytes, key, in: cache) }
        return set
    }

    /// Parses `sources` as `parse` does, but on: every declaration that parses is in the set,
    /// and every one that does not (or repeats a name) gives an error, in file order.
    public static func parseReportingEvery(_ sources: [RuleSource]) -> (set: RuleSet, errors: [RuleError]) {
        var rules: [Rule] = []
        var policies: [InlinePolicy] = []
        var errors: [RuleError] = []
        var seen: [String: SourceLocation] = [:]
        for source in sources {
            let parsed = RuleParser.parseReportingEvery(
                file: source.file, text: String(decoding: source.bytes, as: UTF8.self))
            errors += parsed.errors
            policies += parsed.policies
            for rule in parsed.rules {
                if let first = seen[rule.name] {
                    errors.append(
                        RuleError(
                            file: source.file, line: rule.location.line, column: rule.location.column,
                            message: "duplicate rule name `\(rule.name)`", hint: "first defined at \(first)"))
                    continue
                }
                seen[rule.name] = rule.location
                rules.append(rule)
            }
        }
        return (RuleSet(rules: rules, files: sources.map(\.file), inlinePolicies: policies), errors)
    }

    /// This set with `added`'s rules and inline policies after its own. A rule or policy of
    /// `added` with the name and text of one already here is the same one and is dropped (a
    /// project may name the shipped folder); the same name with another text is an error.
    public func adding(_ added: RuleSet) throws(RuleError) -> RuleSet {
        var out = self
        out.rules = try Self.merged(
            rules, added.rules, kind: "rule", name: \.name, location: \.location, same: { $0.text == $1.text })
        out.inlinePolicies = try Self.merged(
            inlinePolicies, added.inlinePolicies, kind: "inline policy", name: \.name, location: \.location,
            same: { $0.conditions == $1.conditions })
        out.files += added.files.filter { !files.contains($0) }
        return out
    }

    /// `kept` then the entries of `added` not already among them (by `name` and `same`); an
    /// entry of `added` named as one of `kept` but not the same is an error.
    static func merged<Entry>(
        _ kept: [Entry], _ added: [Entry], kind: String, name: (Entry) -> String,
        location: (Entry) -> SourceLocation, same: (Entry, Entry) -> Bool
    ) throws(RuleError) -> [Entry] {
        let byName = Dictionary(kept.map { (name($0), $0) }, uniquingKeysWith: { first, _ in first })
        var out = kept
        for entry in added {
            if let present = byName[name(entry)] {
                guard !same(present, entry) else { continue }
                let place = location(entry)
                throw RuleError(
                    file: place.file, line: place.line, column: place.column,
                    message: "\(kind) `\(name(entry))` is already defined at \(location(present))",
                    hint: "rename it, or pass --no-default-rules to replace the shipped rules")
            }
            out.append(entry)
        }
        return out
    }
}

/// A rules file's name and bytes: read from a folder, or embedded in the executable.
///
/// Invariant: `file` is how messages and locations name the file; `bytes` are its whole
/// contents.
public struct RuleSource: Hashable, Sendable {
    public var file: String
    public var bytes: [UInt8]

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    /// The files `paths` name: each a file, or a directory whose files ending in `suffix`
    /// are taken in name order.
    public static func read(_ paths: [String], suffix: String) throws(RuleError) -> [RuleSource] {
        var files: [String] = []
        for given in paths {
            var path = given
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw RuleError(file: path, line: 0, column: 0, message: "no such file or directory")
            }
            if isDirectory {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(suffix) }.sorted().map { "\(path)/\($0)" }
            } else {
                files.append(path)
            }
        }
        var sources: [RuleSource] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RuleError(file: file, line: 0, column: 0, message: "cannot read the file")
            }
            sources.append(RuleSource(file: file, bytes: Array(data)))
        }
        return sources
    }
}
