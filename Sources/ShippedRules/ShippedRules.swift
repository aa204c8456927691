import Rules

/// The rules, inline policies, tiles and tile helpers of the repository's `rules/` folder,
/// built into the executable (by the EmbedShippedRules plugin), so that `weft` finds them
/// wherever it is installed and whatever folder it runs in.
///
/// Invariant: `files` are the folder's `*.weft`, `*.tiles` and `*.wat` files at build time,
/// in name order, byte for byte; `digest` (computed when they are embedded) is a function of
/// exactly those bytes and names, so two builds with the same digest ship the same rules.
public enum ShippedRules {
    /// How locations in the shipped files are written: `<shipped>/algebra.weft:12:1`.
    public static let folder = "<shipped>"

    /// Every shipped file, named `<shipped>/NAME`.
    public static let files: [RuleSource] = embedded.map {
        RuleSource(file: folder + "/" + $0.name, bytes: Array($0.text.utf8))
    }

    /// The shipped `*.weft` files: rules and inline policies.
    public static var rules: [RuleSource] { files.filter { $0.file.hasSuffix(".weft") } }

    /// The shipped `*.tiles` files: Thumb-2 lowering patterns.
    public static var tiles: [RuleSource] { files.filter { $0.file.hasSuffix(".tiles") } }

    /// The shipped helper module (`*.wat`) tiles may call, if there is one.
    public static var helpers: RuleSource? { files.first { $0.file.hasSuffix(".wat") } }

    /// The shipped rules as a set (parsed, or read from `RuleCache` in `cache`).
    public static func ruleSet(cache: String? = RuleCache.directory) throws(RuleError) -> RuleSet {
        try RuleSet.parse(rules, cache: cache)
    }
}
