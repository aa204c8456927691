import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// A value loaded, changed and stored back to the same address goes straight to the store
/// instead of through a local, and the optimized functions compute what the originals do.
@Suite struct ReadModifyWritesTests {
    static func get(_ x: UInt32) -> Code { .leaf(.localGet(x)) }
    static func load(_ address: Code) -> Code { .op(.load(.i32Load8U, MemArg(align: 0, offset: 0)), [address]) }
    static let store: StoreOp = .i32Store8

    @Test func theAddressIsTeedInTheStoreAndTheValueLocalGoes() {
        // 3 = xor (load8 (tee 2 (add 0 1))) 5; store8 (get 2) (get 3)
        let address: Code = .op(.numeric(.i32Add), [Self.get(0), Self.get(1)])
        let value: Code = .op(.numeric(.i32Xor), [Self.load(.op(.localTee(2), [address])), .leaf(.i32Const(5))])
        let code: [Code] = [
            .op(.localSet(3), [value]),
            .op(.store(Self.store, MemArg(align: 0, offset: 0)), [Self.get(2), Self.get(3)]),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32, .i32, .i32], parameterCount: 2) == [
                .localGet(0), .localGet(1), .numeric(.i32Add), .localTee(2), .localGet(2),
                .load(.i32Load8U, MemArg(align: 0, offset: 0)), .i32Const(5), .numeric(.i32Xor),
                .store(Self.store, MemArg(align: 0, offset: 0)),
            ])
        // The value read again later keeps its local.
        let again = code + [.op(.call(0), [Self.get(3)])]
        #expect(
            StackResults.instructions(again, types: [.i32, .i32, .i32, .i32], parameterCount: 2)
                == Code.flatten(again))
    }

    @Test func bytesChangedInPlaceBehaveTheSame() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (func (export "invert") (param i32 i32) (result i32) (local i32 i32 i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.ge_u (local.get 2) (local.get 1)))
                    (local.set 4 (i32.xor (i32.load8_u (local.tee 3 (i32.add (local.get 0) (local.get 2))))
                      (i32.const 255)))
                    (i32.store8 (local.get 3) (local.get 4))
                    (local.set 2 (i32.add (local.get 2) (i32.const 1)))
                    (br $next)))
                (i32.load (i32.const 0))))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        let f = try #require(result.module.functions.first)
        #expect(
            f.locals.count == 2 && !f.body.contains(where: { if case .localSet(4) = $0 { true } else { false } }),
            "\(f.locals) \(f.body.map(\.text))")
        for args: [UInt32] in [[0, 0], [0, 4], [2, 9], [60, 4], [65534, 4]] {
            #expect(try LiftTests.call(result.bytes, "invert", args) == LiftTests.call(input, "invert", args))
        }
    }
}
