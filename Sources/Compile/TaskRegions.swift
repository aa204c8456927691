import ELF

/// `--memory task`: the two Cortex-M3 MPU regions that hold everything the module writes, for
/// the firmware to give the unprivileged task that calls the exports (an RTOS's MPU task, as
/// FreeRTOS-MPU or Zephyr's user threads run untrusted code). The code is `relocated`'s; what
/// isolates the module is the MPU checking every access of unprivileged code, so no
/// instruction is spent per access. The module's `.data` (its initialized memory `weft_data`,
/// its globals, writable tables and segment lengths) is one region and its `.bss` (the rest
/// of its memory) the other; its code and `.rodata` are read from flash, which the task's
/// code region must allow (RTOSes give a task read and execute access to flash).
///
/// `weft_task_regions` lists them as the MPU's own register values, `.data`'s first: two pairs
/// of words (RBAR, RASR), each RBAR the region's address with VALID and its number (`--mpu-region
/// N` for `.bss`, N − 1 for `.data`), each RASR full access, execute never, normal memory, its
/// size and its disabled subregions; a module with nothing in `.data` has that pair's RASR 0
/// (the region disabled). Writing RBAR then RASR for each pair programs them.
///
/// Invariant: each section's alignment is its region's size and its size the region's enabled
/// subregions (`MPURegion.bytes`), so the section is exactly what the region lets the task
/// reach; nothing the module writes lies outside the two sections.
public enum TaskRegions {
    /// The symbol of the table (four words in `.rodata`).
    public static let symbol = "weft_task_regions"
    /// Local symbols naming each section's start, which the table's RBAR words are relocated
    /// against.
    static let dataSymbol = "weft_task_data"
    static let bssSymbol = "weft_task_bss"

    /// Aligns and pads `object`'s `.data` and `.bss` as MPU regions numbered `number − 1` and
    /// `number` (1–7), and appends the table to `.rodata`.
    static func place(in object: inout ObjectFile, number: UInt8) throws(CompileError) {
        guard (1...7).contains(number) else {
            throw CompileError("--memory task uses MPU regions N and N - 1: --mpu-region \(number) must be 1 to 7")
        }
        var table: [(region: MPURegion, symbol: String)?] = []
        if object.data.isEmpty {
            table.append(nil)
        } else {
            let region = MPURegion(reserve: UInt64(object.data.count), number: number - 1)
            object.data += [UInt8](repeating: 0, count: Int(region.bytes) - object.data.count)
            object.dataAlignment = max(object.dataAlignment, UInt32(region.size))
            object.symbols.append(
                .init(
                    name: dataSymbol, section: .data, offset: 0, size: UInt32(region.bytes), kind: .object,
                    global: false))
            table.append((region, dataSymbol))
        }
        let bss = MPURegion(reserve: UInt64(max(object.bssSize, 4)), number: number)
        object.bssSize = UInt32(bss.bytes)
        object.bssAlignment = max(object.bssAlignment, UInt32(bss.size))
        object.symbols.append(
            .init(name: bssSymbol, section: .bss, offset: 0, size: UInt32(bss.bytes), kind: .object, global: false))
        table.append((bss, bssSymbol))

        while object.rodata.count % 4 != 0 { object.rodata.append(0) }
        object.symbols.append(
            .init(name: symbol, section: .rodata, offset: UInt32(object.rodata.count), size: 16, kind: .object))
        for entry in table {
            guard let (region, name) = entry else {
                // No `.data`: its region (number − 1) disabled.
                object.rodata += LittleEndian.bytes(0x10 | UInt32(number - 1)) + LittleEndian.bytes(UInt32(0))
                continue
            }
            object.relocations.append(
                .init(section: .rodata, offset: UInt32(object.rodata.count), symbol: name, type: .abs32))
            object.rodata += LittleEndian.bytes(region.baseAddressBits) + LittleEndian.bytes(region.attributes)
        }
    }
}
