import Foundation
import WasmModel

/// Reading inputs and writing outputs for the commands; `-` is stdin/stdout.
enum CommandIO {
    static func read(_ path: String) throws(WasmError) -> (bytes: [UInt8], name: String) {
        if path == "-" {
            return (Array(FileHandle.standardInput.readDataToEndOfFile()), "<stdin>")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why =
                !exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "cannot be read"
            throw WasmError(file: path, location: .unknown, message: "cannot open input: \(why)")
        }
        return (Array(data), path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws(WasmError) {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw WasmError(file: path, location: .unknown, message: "cannot write output")
        }
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    /// Prints `weft: error: …` on stderr.
    static func report(_ error: WasmError) {
        FileHandle.standardError.write(Data("weft: error: \(error.description)\n".utf8))
    }

    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
