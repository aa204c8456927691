import Rules
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A rule's proof as kept in `proofs/NAME.smt2`: a header with the digest of the rule's text
/// and the theory, then every case's query as SMT-LIB2 (the `z3` tool answers `unsat` to each).
///
/// Invariant: `text` is a pure function of the rule and the theory, so a proof is current
/// exactly when the stored file equals the one `weft` would write now.
public struct ProofFile: Hashable, Sendable {
    public var ruleName: String
    public var digest: String
    public var theory: Theory
    public var text: String

    /// The file name a rule's proof is stored under.
    public static func fileName(for rule: String) -> String {
        String(rule.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }) + ".smt2"
    }

    /// The digest of a rule's source text (SHA-256, hex).
    public static func digest(of rule: Rule) -> String { SHA256.hex(rule.text) }

    public init(rule: Rule, theory: Theory, cases: [ProofCase]) {
        ruleName = rule.name
        digest = Self.digest(of: rule)
        self.theory = theory
        var out = """
            ; Proof of rule \(rule.name), written by `weft prove --write`.
            ; rule: \(rule.name)
            ; digest: \(digest)
            ; theory: \(theory.rawValue)
            ; The rule is sound when every query below is unsat: `z3 \(Self.fileName(for: rule.name))` prints
            ; `unsat` \(cases.count == 1 ? "once" : "\(cases.count) times").

            """
        for line in rule.text.split(separator: "\n", omittingEmptySubsequences: false) { out += ";   \(line)\n" }
        for c in cases {
            out += "\n"
            if cases.count == 1 {
                out += c.query.script
            } else {
                out += "; case \(c.label)\n(push 1)\n\(c.query.script)(pop 1)\n"
            }
        }
        text = out
    }

    /// Reads the header of a stored proof (rule, digest, theory); nil when it is not one.
    public init?(text: String) {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n").prefix(6) {
            for key in ["rule", "digest", "theory"] where line.hasPrefix("; \(key): ") {
                fields[key] = String(line.dropFirst(key.count + 4))
            }
        }
        guard let name = fields["rule"], let digest = fields["digest"], let t = fields["theory"],
            let theory = Theory(rawValue: t)
        else { return nil }
        ruleName = name
        self.digest = digest
        self.theory = theory
        self.text = text
    }
}
