import Foundation

/// A folder under the temporary directory for a test's files, removed with everything in it
/// when its owner lets go of it (a suite's property lives as long as its test), so tests leave
/// nothing behind in `/tmp`.
///
/// Invariant: every path it hands out lies inside `root`, which exists until `deinit`.
public final class ScratchSpace: Sendable {
    public let root: String

    /// A fresh folder named `prefix-UUID`.
    public init(_ prefix: String = "weft") {
        root = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A path inside the folder, unique to this call; nothing is created there.
    public func path(_ name: String) -> String { root + "/\(UUID().uuidString)-\(name)" }
}
