import ELF
import Thumb

extension CompiledModule {
    /// The object as assembler source for `clang --target=thumbv7m-none-eabi -c` (or
    /// `llvm-mc -triple=thumbv7m-none-eabi -filetype=obj`), what `weft compile -S` writes:
    /// section directives, each function's symbol (`.globl` when exported, `.type`,
    /// `.size`) and its code as `Listing` writes it, then `.data`, `.rodata` and `.bss` with
    /// their symbols, each relocated word as `.word symbol+addend`.
    ///
    /// Every instruction keeps the form and place it has in the object, so the listing
    /// assembles to the object's `.text`, but for the places the object leaves to the
    /// linker (calls, addresses), which an assembler may resolve itself.
    public var assembly: String {
        var out = ["\t.syntax unified", "\t.cpu cortex-m3", "\t.thumb", "\t.text"]
        let object = self.object
        let textSymbols = object.symbols.filter { $0.section == .text }.sorted { $0.offset < $1.offset }
        for (k, piece) in code.enumerated() {
            var lines: [Int: [String]] = [:]
            let range = piece.offset..<(piece.offset + max(piece.output.bytes.count, 1))
            for s in textSymbols where range.contains(Int(s.offset)) {
                let name = Listing.symbol(s.name)
                var head = s.global ? ["\t.globl \(name)"] : []
                head += ["\t.type \(name),%function", "\t.thumb_func", "\(name):", "\t.size \(name), \(s.size)"]
                lines[Int(s.offset) - piece.offset, default: []] += head
            }
            out.append("")
            out.append("\t.p2align 2")
            out += Listing(prefix: "\(k)", symbolLines: lines).lines(piece.output)
        }
        let data: [(ObjectFile.Section, String, UInt32)] = [
            (.data, "\t.data", object.dataAlignment),
            (.rodata, "\t.section .rodata,\"a\",%progbits", 4),
            (.bss, "\t.bss", object.bssAlignment),
        ]
        for (section, directive, alignment) in data {
            let size = section == .bss ? Int(object.bssSize) : object.bytes(of: section).count
            guard size > 0 else { continue }
            out += ["", directive, "\t.p2align \(max(alignment, 1).trailingZeroBitCount)"]
            out += Self.dataLines(object, section: section, size: size)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A data section's bytes (zeros for `.bss`) as directives, with its symbols as labels
    /// and each relocated word as `.word symbol+addend` (REL: the word holds the addend).
    static func dataLines(_ object: ObjectFile, section: ObjectFile.Section, size: Int) -> [String] {
        let bytes = object.bytes(of: section)
        var symbols: [Int: [ObjectFile.Symbol]] = [:]
        for s in object.symbols where s.section == section { symbols[Int(s.offset), default: []].append(s) }
        var relocations: [Int: String] = [:]
        for r in object.relocations where r.section == section { relocations[Int(r.offset)] = r.symbol }
        var out: [String] = []
        var run: [UInt8] = []
        func flush() {
            var k = 0
            while k < run.count {
                let zeros = run[k...].prefix { $0 == 0 }.count
                if zeros >= 8 {
                    out.append("\t.zero \(zeros)")
                    k += zeros
                    continue
                }
                let line = run[k..<min(k + 16, run.count)]
                out.append("\t.byte " + line.map { "\($0)" }.joined(separator: ", "))
                k += line.count
            }
            run = []
        }
        // Events (symbols, relocations) only start at these offsets; bytes run between them.
        let stops = Set(symbols.keys).union(relocations.keys)
        var at = 0
        while at < size {
            if stops.contains(at) {
                flush()
                for s in symbols[at] ?? [] {
                    let name = Listing.symbol(s.name)
                    if s.global { out.append("\t.globl \(name)") }
                    out += ["\t.type \(name),%object", "\(name):", "\t.size \(name), \(s.size)"]
                }
                if let target = relocations[at], at + 4 <= bytes.count {
                    let word = bytes[at..<at + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                    let addend = Int32(bitPattern: word)
                    let name = Listing.symbol(target)
                    out.append(
                        "\t.word "
                            + (addend == 0 ? name : addend > 0 ? "\(name)+\(addend)" : "\(name)-\(-Int64(addend))"))
                    at += 4
                    continue
                }
            }
            run.append(at < bytes.count ? bytes[at] : 0)
            at += 1
        }
        flush()
        // Symbols at the section's end (of no bytes).
        for s in symbols[size] ?? [] {
            out += ["\(Listing.symbol(s.name)):", "\t.size \(Listing.symbol(s.name)), 0"]
        }
        return out
    }
}
