import ELF
import Thumb

extension ObjectFile {
    /// Appends one laid-out function to `.text` (word aligned, `nop` padding): its bytes,
    /// the literal data inside it, a relocation per fixup and its symbol. Returns the symbols
    /// its fixups name.
    @discardableResult
    public mutating func appendFunction(_ output: Layout.Output, symbol: String, global: Bool = true) -> [String] {
        while text.count % 4 != 0 { text += [0x00, 0xBF] }
        let start = UInt32(text.count)
        appendFunctionCode(output, at: start)
        symbols.append(
            .init(
                name: symbol, section: .text, offset: start, size: UInt32(output.bytes.count), kind: .function,
                global: global))
        return output.fixups.map(\.symbol)
    }

    /// The code's bytes at the end of `.text` (which is at `start`), its data ranges and a
    /// relocation per fixup.
    mutating func appendFunctionCode(_ output: Layout.Output, at start: UInt32) {
        text += output.bytes
        for r in output.data {
            dataInText.append(.init(start: start + UInt32(r.lowerBound), end: start + UInt32(r.upperBound)))
        }
        for fix in output.fixups {
            let type: RelocationType =
                switch fix.kind {
                case .call: .thmCall
                case .jump24: .thmJump24
                case .movw: .thmMovwAbsNC
                case .movt: .thmMovtAbs
                case .abs32: .abs32
                }
            relocations.append(.init(offset: start + UInt32(fix.offset), symbol: fix.symbol, type: type))
        }
    }

    /// Appends functions laid out together (`SharedPools`): the code's bytes, data and
    /// relocations as `appendFunction` does, and a symbol per function from its bounds (its
    /// size runs to its end label, so a kept pool counts in the group's last function).
    /// Returns the symbols the fixups name.
    @discardableResult
    public mutating func appendFunctions(
        _ output: Layout.Output, functions: [(symbol: String, global: Bool, bounds: SharedPools.Bounds)]
    ) -> [String] {
        while text.count % 4 != 0 { text += [0x00, 0xBF] }
        let base = UInt32(text.count)
        appendFunctionCode(output, at: base)
        for f in functions {
            let span = f.bounds.span(in: output)
            symbols.append(
                .init(
                    name: f.symbol, section: .text, offset: base + UInt32(span.lowerBound), size: UInt32(span.count),
                    kind: .function, global: f.global))
        }
        return output.fixups.map(\.symbol)
    }
}
