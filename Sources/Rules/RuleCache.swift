#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parsed rule sets kept between runs, so that a run with the same rules reads them instead
/// of parsing them again (`RuleArchive`'s bytes, one file per set).
///
/// Invariant: an entry is found only by the same rules files — their paths and every byte —
/// read by the same executable (its size and modification time) with the same archive
/// version; anything else is a miss, and a miss parses. What a hit returns is therefore
/// what parsing returns, so output never depends on the cache. The folder is
/// `$WEFT_CACHE` (`off` disables the cache), else `$XDG_CACHE_HOME/weft`, else
/// `$HOME/.cache/weft`; a folder that cannot be made or written only costs the parse.
public enum RuleCache {
    /// The folder entries go in, or nil when caching is off or there is nowhere to put it.
    public static var directory: String? {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["WEFT_CACHE"], !chosen.isEmpty {
            return chosen == "off" ? nil : chosen
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/weft" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/weft" }
        return nil
    }

    /// The entry's file name for rules files `files` with contents `contents`.
    static func key(files: [String], contents: [[UInt8]]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for b in bytes {
                hash ^= UInt64(b)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        func mix(_ n: Int) { withUnsafeBytes(of: UInt64(truncatingIfNeeded: n).littleEndian) { mix($0) } }
        mix(RuleArchive.version.description.utf8)
        let executable = executableIdentity
        mix(executable.size)
        mix(executable.modified)
        for (file, text) in zip(files, contents) {
            mix(file.utf8.count)
            mix(file.utf8)
            mix(text.count)
            mix(text)
        }
        let hex = String(hash, radix: 16)
        return "rules-" + String(repeating: "0", count: 16 - hex.count) + hex + ".bin"
    }

    /// The running executable's size and modification time (nanoseconds), which change with
    /// every build: a parser change never reads an entry an older parser wrote.
    static var executableIdentity: (size: Int, modified: Int) {
        var info = stat()
        #if os(Linux)
            let path = "/proc/self/exe"
        #else
            let path = CommandLine.arguments.first ?? ""
        #endif
        guard stat(path, &info) == 0 else { return (0, 0) }
        #if os(Linux)
            let seconds = Int(info.st_mtim.tv_sec)
            let nanoseconds = Int(info.st_mtim.tv_nsec)
        #else
            let seconds = Int(info.st_mtimespec.tv_sec)
            let nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #endif
        return (Int(info.st_size), seconds &* 1_000_000_000 &+ nanoseconds)
    }

    /// The set stored under `key` in `directory`, if there is one and it reads back whole.
    static func read(_ key: String, in directory: String) -> RuleSet? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + key) else {
            return nil
        }
        return RuleArchive.decode(Array(data))
    }

    /// Stores `set` under `key` (written whole to a temporary file, then renamed into place,
    /// so a run reading at the same time sees the old entry, the new one or none).
    static func write(_ set: RuleSet, _ key: String, in directory: String) {
        guard let bytes = RuleArchive.encode(set) else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + key), options: .atomic)
    }
}
