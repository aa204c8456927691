import Rules

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A proofs folder (`proofs/` inside a rules folder): one `NAME.smt2` per rule.
///
/// Invariant: a rule's stored proof is current exactly when its digest matches the rule's
/// text and its queries are the ones the encoder produces now for the stored theory.
public struct ProofStore: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public enum Status: Hashable, Sendable {
        /// The stored proof matches the rule; prove it again in `theory`.
        case current(Theory)
        case missing
        /// The rule's text changed since the proof was written.
        case changed
        /// The rule is unchanged but its queries differ from what the encoder writes now.
        case outdated
        case unreadable

        /// Why a stale proof fails `weft prove --check`, naming the proof's file `path` and
        /// the command that writes it (for `FOLDER/proofs/NAME.smt2`, `weft prove --write FOLDER`).
        public func problem(at path: String) -> String? {
            let proofs = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            let parent = proofs.dropLast().joined(separator: "/")
            let folder = proofs.last != "proofs" ? "" : parent.isEmpty ? " ." : " " + parent
            let fix = "(run `weft prove --write\(folder)`)"
            return switch self {
            case .current: nil
            case .missing: "has no proof: \(path) does not exist \(fix)"
            case .changed: "changed since its proof \(path) was written \(fix)"
            case .outdated: "has a proof \(path) whose queries differ from the current encoding \(fix)"
            case .unreadable: "has a proof file \(path) that is not a weft proof \(fix)"
            }
        }
    }

    public func path(for rule: String) -> String { "\(directory)/\(ProofFile.fileName(for: rule))" }

    public func status(of rule: Rule) -> Status {
        guard let data = FileManager.default.contents(atPath: path(for: rule.name)) else { return .missing }
        guard let stored = ProofFile(text: String(decoding: data, as: UTF8.self)), stored.ruleName == rule.name else {
            return .unreadable
        }
        guard stored.digest == ProofFile.digest(of: rule) else { return .changed }
        guard case .success(let cases) = Prover.cases(of: rule, theory: stored.theory),
            ProofFile(rule: rule, theory: stored.theory, cases: cases).text == stored.text
        else { return .outdated }
        return .current(stored.theory)
    }

    public func write(_ proof: Proof) throws {
        guard case .proved(let theory) = proof.verdict else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = ProofFile(rule: proof.rule, theory: theory, cases: proof.cases)
        try Data(file.text.utf8).write(to: URL(fileURLWithPath: path(for: proof.rule.name)))
    }

    /// Stored proofs of rules not among `rules`.
    public func orphans(of rules: [Rule]) -> [String] {
        let names = Set(rules.map { ProofFile.fileName(for: $0.name) })
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".smt2") && !names.contains($0) }.sorted().map { "\(directory)/\($0)" }
    }
}
