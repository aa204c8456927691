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
        symbols.append(
            .init(
                name: symbol, section: .text, offset: start, size: UInt32(output.bytes.count), kind: .function,
                global: global))
        return output.fixups.map(\.symbol)
    }
}
