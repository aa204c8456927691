import WasmModel

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

/// Reading inputs and writing outputs for the commands; `-` is stdin/stdout.
enum CommandIO {
    /// The bytes of file `path`, or of stdin for `-` (refused when stdin is a terminal:
    /// weft would wait for a module typed in).
    static func read(_ path: String) throws(WasmError) -> (bytes: [UInt8], name: String) {
        if path == "-" {
            if isTerminal(0) {
                throw WasmError(
                    file: "<stdin>", location: .unknown,
                    message: "is a terminal; name an input file, or pipe a module into -")
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { readSome(0, $0) }
                if n > 0 {
                    bytes += chunk[..<n]
                } else if n == 0 || errno != EINTR {
                    break
                }
            }
            return (bytes, "<stdin>")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why =
                !exists ? "no such file" : isDirectory ? "is a directory" : "cannot be read"
            throw WasmError(file: path, location: .unknown, message: "cannot open input: \(why)")
        }
        return (Array(data), path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws(WasmError) {
        if path == "-" {
            put(bytes, to: 1)
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw WasmError(file: path, location: .unknown, message: "cannot write output")
        }
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    /// Prints `weft: error: …` on stderr.
    static func report(_ error: WasmError) {
        note("weft: error: \(error.description)")
    }

    static func note(_ line: String) {
        put(Array((line + "\n").utf8), to: 2)
    }

    /// Writes all of `bytes` to file descriptor `fd` (a short write is continued).
    static func put(_ bytes: [UInt8], to fd: Int32) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { writeSome(fd, UnsafeRawBufferPointer(rebasing: $0[done...])) }
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// `read(2)` into `buffer`: the bytes read, 0 at the end, -1 on an error (`errno`).
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, buffer.baseAddress, buffer.count)
}

/// `write(2)` of `buffer`: the bytes written, -1 on an error (`errno`).
private func writeSome(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
    write(fd, buffer.baseAddress, buffer.count)
}
