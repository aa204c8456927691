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

/// What was made of rules files kept between runs, so that a run with the same files reads
/// it instead of making it again: parsed rule sets (`RuleArchive`'s bytes) and the tiles'
/// helper module as a binary, one file per entry.
///
/// Invariant: an entry is found only by the same files — their paths and every byte — read
/// by the same executable (its size and modification time) in the same format and version;
/// anything else is a miss, and a miss parses. What a hit returns is therefore
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

    /// The entry's file name for what was made of `files` (with contents `contents`) in a
    /// format `kind` at `version`.
    public static func key(kind: String, version: UInt8, files: [String], contents: [[UInt8]]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for b in bytes {
                hash ^= UInt64(b)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        func mix(_ n: Int) { withUnsafeBytes(of: UInt64(truncatingIfNeeded: n).littleEndian) { mix($0) } }
        mix(Int(version))
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
        return kind + "-" + String(repeating: "0", count: 16 - hex.count) + hex + ".bin"
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

    /// The bytes stored under `key` in `directory`, if there are any.
    public static func read(_ key: String, in directory: String) -> [UInt8]? {
        FileManager.default.contents(atPath: directory + "/" + key).map { Array($0) }
    }

    /// Stores `bytes` under `key` (written whole to a temporary file, then renamed into place,
    /// so a run reading at the same time sees the old entry, the new one or none).
    public static func write(_ bytes: [UInt8], _ key: String, in directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + key), options: .atomic)
    }
}
