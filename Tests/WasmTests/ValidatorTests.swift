import Testing
import WasmModel
import WasmValidate

/// The validator accepts what the spec accepts and rejects what it rejects, with the spec's
/// wording and the instruction's location.
@Suite struct ValidatorTests {
    /// A module with one function of type `params -> results` and the given body.
    static func module(
        params: [ValueType] = [], results: [ValueType] = [], locals: [ValueType] = [],
        _ body: [Instruction],
        configure: (inout Module) -> Void = { _ in }
    ) -> Module {
        var m = Module()
        m.types = [FuncType(params: params, results: results)]
        m.functions = [Function(type: 0, locals: locals, body: body + [.end])]
        configure(&m)
        return m
    }

    static func error(_ m: Module) -> WasmError? {
        do {
            try WasmValidator.validate(m, file: "t.wasm")
            return nil
        } catch {
            return error
        }
    }

    static func expectValid(_ m: Module, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(error(m) == nil, sourceLocation: sourceLocation)
    }

    static func expectInvalid(
        _ m: Module, _ prefix: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let e = error(m)
        #expect(
            e?.message.hasPrefix(prefix) == true, "\(String(describing: e))",
            sourceLocation: sourceLocation)
    }

    @Test func arithmetic() {
        Self.expectValid(
            Self.module(
                params: [.i32, .i32], results: [.i32], [.localGet(0), .localGet(1), .numeric(.i32Add)]))
        Self.expectInvalid(
            Self.module(
                params: [.i64, .i32], results: [.i32], [.localGet(0), .localGet(1), .numeric(.i32Add)]),
            "type mismatch")
        Self.expectInvalid(Self.module(results: [.i32], [.i64Const(1)]), "type mismatch")
        Self.expectInvalid(Self.module(results: [.i32], [.i32Const(1), .i32Const(2)]), "type mismatch")
    }

    @Test func errorsNameTheInstruction() throws {
        let e = try #require(
            Self.error(Self.module([.i32Const(1), .i64Const(2), .numeric(.i32Add), .drop])))
        #expect(e.location == .instruction(function: 0, index: 2))
        var m = Self.module([.i32Const(1), .i64Const(2), .numeric(.i32Add), .drop])
        m.sourceMap = SourceMap(instructionOffsets: [[30, 32, 34, 35, 36]])
        #expect(Self.error(m)?.location == .offset(34))
    }

    @Test func locals() {
        Self.expectValid(
            Self.module(
                params: [.i32], locals: [.i64], [.localGet(1), .localSet(1), .localGet(0), .drop]))
        Self.expectInvalid(Self.module(params: [.i32], [.localGet(1), .drop]), "unknown local")
        Self.expectInvalid(Self.module(locals: [.i64], [.i32Const(0), .localSet(0)]), "type mismatch")
    }

    @Test func labels() {
        Self.expectValid(Self.module([.block(.empty), .br(0), .end]))
        Self.expectInvalid(Self.module([.block(.empty), .br(2), .end]), "unknown label")
        // br_table targets must agree on arity.
        Self.expectInvalid(
            Self.module([
                .block(.empty), .block(.value(.i32)), .i32Const(0), .i32Const(0), .brTable([0], default: 1),
                .end, .drop,
                .end,
            ]),
            "type mismatch")
    }

    @Test func unreachableCodeIsPolymorphic() {
        Self.expectValid(Self.module(results: [.i32], [.unreachable, .numeric(.i32Add)]))
        Self.expectValid(Self.module(results: [.i64], [.i64Const(0), .return, .select]))
        // The unknown type still meets concrete operands.
        Self.expectInvalid(
            Self.module(results: [.i32], [.unreachable, .i64Const(0), .numeric(.i32Add)]), "type mismatch"
        )
        // br_table in unreachable code with labels of different types but equal arity.
        Self.expectValid(
            Self.module([
                .block(.value(.f32)), .block(.value(.f64)), .unreachable, .brTable([0], default: 1), .end,
                .drop,
                .f32Const(0), .end, .drop,
            ]))
    }

    @Test func ifWithoutElse() {
        Self.expectInvalid(
            Self.module(results: [.i32], [.i32Const(1), .if(.value(.i32)), .i32Const(2), .end]),
            "type mismatch")
        Self.expectValid(
            Self.module(
                results: [.i32], [.i32Const(1), .if(.value(.i32)), .i32Const(2), .else, .i32Const(3), .end])
        )
        Self.expectInvalid(Self.module([.else]), "else without a matching if")
    }

    @Test func multiValueBlocks() {
        var m = Self.module(
            results: [.i32, .i64], [.i32Const(1), .block(.index(1)), .i64Const(2), .end])
        m.types.append(FuncType(params: [.i32], results: [.i32, .i64]))
        Self.expectValid(m)
        m.functions[0].body = [.i32Const(1), .block(.index(7)), .end, .end]
        Self.expectInvalid(m, "unknown type 7")
    }

    /// `Module.blockSignature`, shared by the validator, the lifter and the compiler.
    @Test func blockSignatures() {
        var m = Module()
        m.types = [FuncType(params: [.i32], results: [.i32, .i64])]
        #expect(m.blockSignature(.empty) == FuncType())
        #expect(m.blockSignature(.value(.f64)) == FuncType(results: [.f64]))
        #expect(m.blockSignature(.index(0)) == FuncType(params: [.i32], results: [.i32, .i64]))
        #expect(m.blockSignature(.index(1)) == nil)
        #expect(m.blockSignature(.index(.max)) == nil)
    }

    @Test func memoryAccess() {
        let memory: (inout Module) -> Void = { $0.memories = [Limits(min: 1)] }
        Self.expectValid(
            Self.module(
                [.i32Const(0), .load(.i32Load, MemArg(align: 2, offset: 4)), .drop], configure: memory))
        Self.expectInvalid(
            Self.module(
                [.i32Const(0), .load(.i32Load, MemArg(align: 3, offset: 0)), .drop], configure: memory),
            "alignment must not be larger than natural")
        Self.expectInvalid(
            Self.module([.i32Const(0), .load(.i32Load8U, MemArg(align: 0, offset: 0)), .drop]),
            "unknown memory")
        Self.expectInvalid(
            Self.module([], configure: { $0.memories = [Limits(min: 2, max: 1)] }),
            "size minimum must not be greater than maximum")
        Self.expectInvalid(
            Self.module([], configure: { $0.memories = [Limits(min: 65537)] }),
            "memory size must be at most 65536 pages")
    }

    @Test func bulkMemoryNeedsDataCount() {
        let setup: (inout Module) -> Void = {
            $0.memories = [Limits(min: 1)]
            $0.data = [DataSegment(mode: .passive, bytes: [1, 2])]
        }
        Self.expectInvalid(Self.module([.dataDrop(0)], configure: setup), "data count section required")
        Self.expectValid(
            Self.module(
                [.dataDrop(0)],
                configure: {
                    setup(&$0)
                    $0.dataCount = 1
                }))
        Self.expectInvalid(
            Self.module(
                [.dataDrop(1)],
                configure: {
                    setup(&$0)
                    $0.dataCount = 1
                }), "unknown data segment")
    }

    @Test func globals() {
        let globals: (inout Module) -> Void = {
            $0.globals = [
                Global(type: GlobalType(type: .i32, mutable: false), initializer: [.i32Const(1)]),
                Global(type: GlobalType(type: .i32, mutable: true), initializer: [.i32Const(2)]),
            ]
        }
        Self.expectValid(Self.module([.i32Const(0), .globalSet(1)], configure: globals))
        Self.expectInvalid(
            Self.module([.i32Const(0), .globalSet(0)], configure: globals), "immutable global")
        Self.expectInvalid(Self.module([.globalGet(2), .drop], configure: globals), "unknown global")
        Self.expectInvalid(
            Self.module(
                [],
                configure: {
                    $0.globals = [
                        Global(
                            type: GlobalType(type: .i32, mutable: false),
                            initializer: [.i32Const(1), .i32Const(1)])
                    ]
                }),
            "type mismatch")
        Self.expectInvalid(
            Self.module(
                [],
                configure: {
                    $0.globals = [
                        Global(
                            type: GlobalType(type: .i32, mutable: false),
                            initializer: [.i32Const(1), .numeric(.i32Eqz)])
                    ]
                }),
            "constant expression required")
    }

    @Test func functionReferencesMustBeDeclared() {
        Self.expectInvalid(Self.module([.refFunc(0), .drop]), "undeclared function reference")
        Self.expectValid(
            Self.module(
                [.refFunc(0), .drop],
                configure: {
                    $0.elements = [ElementSegment(type: .funcref, items: [[.refFunc(0)]], mode: .declarative)]
                }))
    }

    @Test func exports() {
        Self.expectInvalid(
            Self.module(
                [],
                configure: {
                    $0.exports = [
                        Export(name: "f", kind: .function(0)), Export(name: "f", kind: .function(0)),
                    ]
                }),
            "duplicate export name")
        Self.expectInvalid(
            Self.module([], configure: { $0.exports = [Export(name: "f", kind: .function(3))] }),
            "unknown function")
    }

    @Test func bodyStructure() {
        var m = Self.module([.nop])
        m.functions[0].body = [.nop]  // no final end
        Self.expectInvalid(m, "unexpected end of function")
        m.functions[0].body = [.end, .nop]
        Self.expectInvalid(m, "operators remaining after the end of function")
    }
}
