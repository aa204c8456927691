import WasmModel
import WasmParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Decodes a Wasm binary into the model, section by section, with WasmKit's `WasmParser`.
///
/// Every failure becomes a `WasmError` naming the file and the byte offset. The result is
/// not validated (see `WasmValidate`).
struct BinaryDecoder {
    let bytes: [UInt8]
    let file: String

    /// WasmParser features: the MVP plus what the spec suite's core files use.
    static let features: WasmFeatureSet = [.referenceTypes, .functionReferences, .multiMemory]

    func decode() throws(WasmError) -> Module {
        var parser = WasmParser.Parser(bytes: bytes, features: Self.features)
        var module = Module()
        var lastSection: UInt8 = 0
        var functionTypes: [UInt32] = []
        var sourceMap = SourceMap()
        var sawCode = false
        while true {
            let sectionStart = parser.offset
            let payload: ParsingPayload?
            do {
                payload = try parser.parseNext()
            } catch {
                throw Self.error(error, file: file, fallbackOffset: parser.offset)
            }
            guard let payload else { break }
            do throws(TypeMapping.Unsupported) {
                switch payload {
                case .header:
                    continue
                case .customSection(let custom):
                    if custom.name == "name" {
                        // Debug names only: a malformed or repeated one is dropped, as engines do.
                        if module.names == nil { module.names = Self.names(custom.bytes) }
                    } else {
                        module.customSections.append(
                            CustomSection(name: custom.name, bytes: Array(custom.bytes), after: lastSection))
                    }
                    continue
                case .typeSection(let groups):
                    lastSection = 1
                    for group in groups {
                        for sub in group.types {
                            guard case .function(let ft) = sub.body else {
                                throw TypeMapping.Unsupported(
                                    message: "only function types are supported (no GC types)")
                            }
                            module.types.append(
                                FuncType(
                                    params: try ft.parameters.map(TypeMapping.value),
                                    results: try ft.results.map(TypeMapping.value)))
                        }
                    }
                case .importSection(let imports):
                    lastSection = 2
                    for imp in imports {
                        let kind: WasmModel.Import.Kind
                        switch imp.descriptor {
                        case .function(let t): kind = .function(t)
                        case .table(let t): kind = .table(try TypeMapping.table(t))
                        case .memory(let m): kind = .memory(try TypeMapping.limits(m))
                        case .global(let g): kind = .global(try TypeMapping.global(g))
                        case .tag:
                            throw TypeMapping.Unsupported(message: "tag imports (exceptions) are not supported")
                        }
                        module.imports.append(WasmModel.Import(module: imp.module, name: imp.name, kind: kind))
                    }
                case .functionSection(let types):
                    lastSection = 3
                    functionTypes = types
                case .tableSection(let tables):
                    lastSection = 4
                    for t in tables {
                        module.tables.append(
                            Table(
                                type: try TypeMapping.table(t.type), initializer: try t.initializer.map(constExpr)))
                    }
                case .memorySection(let memories):
                    lastSection = 5
                    for m in memories { module.memories.append(try TypeMapping.limits(m.type)) }
                case .tagSection:
                    throw TypeMapping.Unsupported(message: "the tag section (exceptions) is not supported")
                case .globalSection(let globals):
                    lastSection = 6
                    for g in globals {
                        module.globals.append(
                            Global(
                                type: try TypeMapping.global(g.type), initializer: try constExpr(g.initializer)))
                    }
                case .exportSection(let exports):
                    lastSection = 7
                    for e in exports {
                        let kind: WasmModel.Export.Kind
                        switch e.descriptor {
                        case .function(let i): kind = .function(i)
                        case .table(let i): kind = .table(i)
                        case .memory(let i): kind = .memory(i)
                        case .global(let i): kind = .global(i)
                        case .tag:
                            throw TypeMapping.Unsupported(message: "tag exports (exceptions) are not supported")
                        }
                        module.exports.append(WasmModel.Export(name: e.name, kind: kind))
                    }
                case .startSection(let f):
                    lastSection = 8
                    module.start = f
                case .elementSection(let segments):
                    lastSection = 9
                    for s in segments {
                        let mode: WasmModel.ElementSegment.Mode
                        switch s.mode {
                        case .active(let table, let offset):
                            mode = .active(table: table, offset: try constExpr(offset))
                        case .passive: mode = .passive
                        case .declarative: mode = .declarative
                        }
                        module.elements.append(
                            WasmModel.ElementSegment(
                                type: try TypeMapping.ref(s.type), items: try s.initializer.map(constExpr),
                                mode: mode))
                    }
                case .dataCount(let n):
                    lastSection = 12
                    module.dataCount = n
                case .codeSection(let codes):
                    lastSection = 10
                    sawCode = true
                    guard codes.count == functionTypes.count else {
                        throw TypeMapping.Unsupported(
                            message:
                                "function and code section have inconsistent lengths (\(functionTypes.count) declared, \(codes.count) bodies)"
                        )
                    }
                    for (index, code) in codes.enumerated() {
                        let body: [WasmModel.Instruction]
                        let offsets: [Int]
                        do {
                            (body, offsets) = try decodeBody(code)
                        } catch {
                            var located = error
                            located.function = UInt32(module.importedFunctionCount + index)
                            throw located
                        }
                        module.functions.append(
                            Function(
                                type: functionTypes[index], locals: try code.locals.map(TypeMapping.value),
                                body: body))
                        sourceMap.instructionOffsets.append(offsets)
                        sourceMap.bodyStarts.append((offsets.first ?? 0) - Self.localsSize(code.locals))
                    }
                case .dataSection(let segments):
                    lastSection = 11
                    for s in segments {
                        switch s {
                        case .passive(let bytes):
                            module.data.append(DataSegment(mode: .passive, bytes: Array(bytes)))
                        case .active(let a):
                            module.data.append(
                                DataSegment(
                                    mode: .active(memory: a.index, offset: try constExpr(a.offset)),
                                    bytes: Array(a.initializer)))
                        }
                    }
                }
            } catch {
                var message = error.message
                if let f = error.function {
                    let name = Self.functionName(f, in: bytes).map { " ($\($0))" } ?? ""
                    message = "function \(f)\(name): " + message
                }
                throw WasmError(file: file, location: .offset(error.offset ?? sectionStart), message: message)
            }
        }
        if !sawCode && !functionTypes.isEmpty {
            throw WasmError(
                file: file, location: .offset(bytes.count),
                message:
                    "function and code section have inconsistent lengths (\(functionTypes.count) declared, 0 bodies)"
            )
        }
        if let count = module.dataCount, count != module.data.count {
            throw WasmError(
                file: file, location: .offset(bytes.count),
                message:
                    "data count and data section have inconsistent lengths (\(count) declared, \(module.data.count) segments)"
            )
        }
        module.sourceMap = sourceMap
        module.names = module.names.map { $0.pruned(for: module) }
        if module.customSections.contains(where: { $0.name.hasPrefix("reloc.") }) {
            let reader = RelocationReader(bytes: bytes, file: file, payloads: try sectionPayloads())
            module.memoryRelocations = try reader.read(module, sourceMap: sourceMap)
        }
        // The linker's relocations describe these bytes only: weft's outputs never keep them.
        module.customSections.removeAll { $0.name.hasPrefix("reloc.") || $0.name == "linking" }
        return module
    }

    /// Every section's id and payload range, in file order (the indices relocation sections
    /// name their targets by).
    private func sectionPayloads() throws(WasmError) -> [(id: UInt8, range: Range<Int>)] {
        var result: [(id: UInt8, range: Range<Int>)] = []
        var reader = ByteReader(bytes: bytes, position: 8, end: bytes.count)
        while reader.position < bytes.count {
            let id = try reader.byte(file: file)
            let size = Int(try reader.uleb(file: file))
            let start = reader.position
            guard size <= bytes.count - start else {
                throw WasmError(
                    file: file, location: .offset(start), message: "section extends past the end of the file")
            }
            result.append((id, start..<start + size))
            reader.position = start + size
        }
        return result
    }

    private func constExpr(_ expr: ConstExpression) throws(TypeMapping.Unsupported) -> [WasmModel
        .Instruction]
    {
        var result: [WasmModel.Instruction] = []
        for (i, inst) in expr.enumerated() {
            if case .end = inst, i == expr.count - 1 { break }
            guard let mapped = try TypeMapping.instruction(inst) else {
                throw TypeMapping.Unsupported(
                    message: "\(Self.textName(inst)) is not supported in a constant expression")
            }
            result.append(mapped)
        }
        return result
    }

    private func decodeBody(_ code: Code) throws(TypeMapping.Unsupported) -> (
        [WasmModel.Instruction], [Int]
    ) {
        var visitor = Collector()
        var expression = ExpressionParser(code: code)
        do {
            while let visit = try expression.parse() {
                try visit(visitor: &visitor)
            }
        } catch let error as WasmParserError {
            let (offset, message) = Self.split(error, fallbackOffset: expression.offset)
            throw TypeMapping.Unsupported(message: message, offset: offset)
        } catch let error as TypeMapping.Unsupported {
            throw TypeMapping.Unsupported(message: error.message, offset: visitor.binaryOffset)
        } catch {
            throw TypeMapping.Unsupported(message: "\(error)")
        }
        return (visitor.instructions, visitor.offsets)
    }

    /// Collects a function body's instructions and their offsets.
    private struct Collector: AnyInstructionVisitor {
        typealias VisitorError = TypeMapping.Unsupported
        var binaryOffset: Int = 0
        var instructions: [WasmModel.Instruction] = []
        var offsets: [Int] = []

        mutating func visit(_ instruction: WasmParser.Instruction) throws(TypeMapping.Unsupported) {
            guard let mapped = try TypeMapping.instruction(instruction) else {
                throw TypeMapping.Unsupported(message: BinaryDecoder.unsupported(instruction))
            }
            instructions.append(mapped)
            offsets.append(binaryOffset)
        }
    }

    /// Bytes of a locals declaration in its minimal encoding (runs of one type).
    static func localsSize<T: Equatable>(_ locals: [T]) -> Int {
        var runs: [Int] = []
        var last: T? = nil
        for t in locals {
            if t == last, let n = runs.popLast() { runs.append(n + 1) } else { runs.append(1) }
            last = t
        }
        return LEB128.unsignedSize(UInt64(runs.count)) + runs.reduce(0) { $0 + LEB128.unsignedSize(UInt64($1)) + 1 }
    }

    /// The `name` section, or nil if it is malformed (a malformed custom section is not an
    /// error in Wasm).
    static func names(_ bytes: ArraySlice<UInt8>) -> NameSection? {
        var parser = NameSectionParser(stream: StaticByteStreamSource(bytes: bytes))
        guard let parsed = try? parser.parseAll() else { return nil }
        var names = NameSection()
        for entry in parsed {
            switch entry {
            case .moduleName(let n): names.module = n
            case .functions(let m): names.functions = m
            case .locals(let m): names.locals = m
            case .labels(let m): names.labels = m
            case .types(let m): names.types = m
            case .tables(let m): names.tables = m
            case .memories(let m): names.memories = m
            case .globals(let m): names.globals = m
            case .elements(let m): names.elements = m
            case .dataSegments(let m): names.data = m
            }
        }
        return names
    }

    /// WasmParser's errors carry their offset only in their description
    /// (`"message" at offset 0x1a`); split it back out.
    static func split(_ error: WasmParserError, fallbackOffset: Int) -> (offset: Int, message: String) {
        var text = error.description
        var offset = fallbackOffset
        if let range = text.firstRange(of: " at offset 0x") {
            let hex = text[range.upperBound...].prefix { $0.isHexDigit }
            offset = Int(hex, radix: 16) ?? fallbackOffset
            let end = text.index(range.upperBound, offsetBy: hex.count)
            text.removeSubrange(range.lowerBound..<end)
        }
        text = text.trimmed(where: { "\" .".contains($0) })
        // WasmParser interpolates its message type: `Message(text: "...")`.
        if let match = text.firstMatch(of: #/Message\(text: "?(.*?)"?\)$/#) {
            text = match.output.1.trimmed(where: { $0 == "\"" })
        }
        text = text.replacing("\"", with: "")
        return (offset, readable(text.prefix(1).lowercased() + text.dropFirst()))
    }

    /// Why an instruction the model lacks is refused, in the text format's words:
    /// `i32x4.add is not supported (the SIMD proposal)`.
    static func unsupported(_ instruction: WasmParser.Instruction) -> String {
        let name = textName(instruction)
        return "\(name) is not supported" + (proposal(of: name).map { " (the \($0) proposal)" } ?? "")
    }

    /// The later proposal an instruction belongs to, by its text-format name.
    static func proposal(of name: String) -> String? {
        let prefix = name.prefix { $0 != "." }
        if ["v128", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"].contains(prefix) { return "SIMD" }
        if name.contains(".atomic.") || name == "atomic.fence" { return "threads" }
        if ["throw", "throw_ref", "try_table", "try", "catch", "catch_all", "delegate", "rethrow"].contains(name) {
            return "exception-handling"
        }
        if name.hasPrefix("return_call") { return "tail-call" }
        if ["struct", "array", "i31", "any", "extern"].contains(prefix) || name.hasPrefix("br_on_cast")
            || ["ref.i31", "ref.test", "ref.cast", "ref.eq"].contains(name)
        {
            return "GC"
        }
        return nil
    }

    /// An instruction's name in the text format (`i32x4.add`), from WasmParser's case name
    /// (`i32x4Add`), which WasmKit derives from it: dots and underscores dropped, the word
    /// after each capitalized (`v128.load8x8_s` is `v128Load8X8S`).
    static func textName(_ instruction: WasmParser.Instruction) -> String {
        let caseName: String
        switch instruction {
        case .simd(let op): caseName = "\(op)"
        case .simdLane(let op, _): caseName = "\(op)"
        case .simdMemLane(let op, _, _): caseName = "\(op)"
        case .load(let op, _): caseName = "\(op)"
        case .store(let op, _): caseName = "\(op)"
        case .cmp(let op): caseName = "\(op)"
        case .unary(let op): caseName = "\(op)"
        case .binary(let op): caseName = "\(op)"
        case .conversion(let op): caseName = "\(op)"
        default: caseName = String("\(instruction)".prefix { $0 != "(" })
        }
        return textName(caseName: caseName)
    }

    /// `i32x4ExtaddPairwiseI16x8S` as `i32x4.extadd_pairwise_i16x8_s`: the leading word, a
    /// dot, then the capitalized words joined by underscores; a word `x8` after a digit
    /// (`load8x8`) and `q15mulr` stay whole, `atomic` and `rmwN` are followed by dots, and
    /// control instructions (`br_on_null`, `return_call`) have no dot.
    static func textName(caseName: String) -> String {
        var words: [String] = []
        var current = ""
        for c in caseName {
            if c.isUppercase && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += c.lowercased()
        }
        if !current.isEmpty { words.append(current) }
        var parts: [String] = []
        for w in words {
            if let last = parts.last,
                (w.first == "x" && w.dropFirst().first?.isNumber == true && last.last?.isNumber == true)
                    || (last == "q15" && w == "mulr")
            {
                parts[parts.count - 1] += w
            } else {
                parts.append(w)
            }
        }
        guard let first = parts.first, parts.count > 1 else { return parts.first ?? caseName }
        if ["br", "call", "return", "throw", "try"].contains(first) { return parts.joined(separator: "_") }
        var text = first + "." + parts[1]
        var k = 2
        if parts[1] == "atomic" && k < parts.count {
            text += "." + parts[k]
            k += 1
            if parts[k - 1].hasPrefix("rmw") && k < parts.count {
                text += "." + parts[k]
                k += 1
            }
        }
        for w in parts[k...] { text += "_" + w }
        return text
    }

    /// The name section's name of function `index`, if `bytes` has one (for an error found
    /// before the name section, which follows the code, was read).
    static func functionName(_ index: UInt32, in bytes: [UInt8]) -> String? {
        var parser = WasmParser.Parser(bytes: bytes, features: features)
        while let payload = try? parser.parseNext() {
            if case .customSection(let custom) = payload, custom.name == "name" {
                return names(custom.bytes)?.functions[index]
            }
        }
        return nil
    }

    /// WasmParser's message in words: what was expected, and for a later proposal's encoding,
    /// the proposal it belongs to.
    static func readable(_ message: String) -> String {
        func number(after prefix: String) -> Int? {
            guard message.hasPrefix(prefix) else { return nil }
            return Int(message.dropFirst(prefix.count).trimmed(where: { $0 == " " || $0 == "\t" }))
        }
        switch message {
        case "integerRepresentationTooLong", "integer representation is too long":
            return "malformed LEB128 integer: longer than its type allows"
        case "overflow": return "malformed LEB128 integer: its value does not fit its type"
        case "insufficientBytes": return "unexpected end of the input inside a LEB128 integer"
        default: break
        }
        if let flags = number(after: "malformed limit:") {
            switch flags {
            case 2, 3: return "shared memory (the threads proposal) is not supported (limits flags \(flags))"
            case 4...7: return "64-bit memory (the memory64 proposal) is not supported (limits flags \(flags))"
            default: return "malformed limits: flags \(flags), expected 0 (no maximum) or 1 (a maximum)"
            }
        }
        if let id = number(after: "malformed section id:") {
            if id == 13 { return "the tag section (the exception-handling proposal) is not supported" }
            return "malformed section id \(id): expected 0 to 12"
        }
        if let form = number(after: "malformed function type:") ?? number(after: "malformed composite type:") {
            if [0x4E, 0x4F, 0x50, 0x5E, 0x5F].contains(form) {
                return "GC types (the GC proposal) are not supported (type form 0x\(String(form, radix: 16)))"
            }
            return "malformed type: form 0x\(String(form, radix: 16)), expected 0x60 (a function type)"
        }
        if let byte = number(after: "malformed value type:") {
            return
                "malformed value type 0x\(String(byte, radix: 16)): expected i32, i64, f32, f64, v128 or a reference type"
        }
        if message.hasPrefix("illegal opcode: [") {
            let first = message.dropFirst("illegal opcode: [".count).prefix { $0.isNumber }
            switch Int(first) {
            case 0xFD: return "SIMD instructions (the SIMD proposal) are not supported"
            case 0xFE: return "atomic instructions (the threads proposal) are not supported"
            case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F:
                return "exception-handling instructions (the exception-handling proposal) are not supported"
            default: return "unknown opcode \(message.dropFirst("illegal opcode: ".count))"
            }
        }
        return message
    }

    static func error(_ error: any Error, file: String, fallbackOffset: Int) -> WasmError {
        if let error = error as? WasmParserError {
            let (offset, message) = split(error, fallbackOffset: fallbackOffset)
            return WasmError(file: file, location: .offset(offset), message: message)
        }
        return WasmError(file: file, location: .offset(fallbackOffset), message: readable("\(error)"))
    }
}
