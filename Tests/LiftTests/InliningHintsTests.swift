import Harness
import Pipeline
import Testing
import WasmDecode
import WasmModel

/// The compilation-hints section `metadata.code.inline`: a call hinted "often" (≥ 64) is
/// inlined whatever the cost model says, one hinted "never" (0) is not.
@Suite struct InliningHintsTests {
    static let wat = Fixtures.hotWithTwoCallees

    /// The module with a `metadata.code.inline` section giving `value` to the first call to
    /// function `callee` in function 2.
    static func hinted(callee: UInt32, value: UInt8) throws -> [UInt8] {
        var bytes = try Pipeline(passes: []).run(Array(wat.utf8), file: "h.wat").bytes
        let module = try WasmDecoder.decode(bytes, file: "h.wasm")
        let map = try #require(module.sourceMap)
        let k = try #require(module.functions[2].body.firstIndex(of: .call(callee)))
        let offset = map.instructionOffsets[2][k] - map.bodyStarts[2]
        let name = Array("metadata.code.inline".utf8)
        let payload: [UInt8] = [1, 2, 1, UInt8(offset), 1, value]
        let content = [UInt8(name.count)] + name + payload
        bytes += [0, UInt8(content.count)] + content
        return bytes
    }

    static func calls(_ bytes: [UInt8]) throws -> (functions: Int, calls: [UInt32]) {
        let module = try TestPaths.optimizer.run(bytes, file: "h.wasm").module
        let calls = module.functions.flatMap(\.body).compactMap { if case .call(let f) = $0 { f } else { nil } }
        return (module.functions.count, calls)
    }

    @Test func oftenInlinesWhatTheCostModelWouldKeep() throws {
        let plain = try Self.calls(try Pipeline(passes: []).run(Array(Self.wat.utf8), file: "h.wat").bytes)
        #expect(plain.calls.count == 2, "without a hint, $big stays (inlining it twice is larger)")
        let often = try Self.calls(try Self.hinted(callee: 1, value: 127))
        #expect(often.functions == 1)
        #expect(often.calls.isEmpty)
    }

    @Test func neverKeepsACallTheCostModelWouldInline() throws {
        let never = try Self.calls(try Self.hinted(callee: 0, value: 0))
        #expect(never.calls.contains(0), "$mix must stay called")
    }
}
