/// How a Wasm address becomes a physical one (`--memory`).
public enum MemoryModel: String, Sendable, CaseIterable {
    /// The Wasm address is the physical address (linear memory linked at address 0): no
    /// base, no check; an access out of bounds reaches whatever is there.
    case identity
    /// Physical = `weft_memory` + address: the base is loaded into a register per function;
    /// no check.
    case base
    /// As `base`, and every access is checked against the memory's size: out of bounds
    /// traps (`udf`) exactly where Wasm traps.
    case checked
    /// Linear memory placed by the linker anywhere (RAM): `weft_memory` in `.bss`, only the
    /// reserved bytes (`CompileOptions.memorySize`, else what the module says it uses); a
    /// constant Wasm address is `weft_memory + address` from the literal pool (neighbouring
    /// ones share one base register), any other as in `base`; no check. The initialized part
    /// is copied in by `weft_init` from a `.rodata` image.
    case linked
    /// As `linked`, with Wasm's isolation kept by the Cortex-M3 MPU instead of a check per
    /// access: `weft_memory` is aligned to a power-of-two region that `weft_init` programs
    /// (`MPURegion`), and every access the facts do not prove inside the reserve is an
    /// unprivileged one (`ldrt`, `strt`, ...), which the MPU lets reach that region only: a
    /// stray access faults (MemManage, or HardFault when that is disabled) wherever it lands.
    case mpu
    /// As `linked`, with the module's addresses made physical (`RelocatedAddresses`): every
    /// address the linker's relocations name (`wasm-ld --emit-relocs`) is `weft_memory + c`,
    /// so pointers hold physical addresses, an access is `[p, #o]` with no base added (as in
    /// `identity`), and native code passes C pointers to the exports as they are; no check.
    case relocated
    /// As `relocated` (the same code: physical pointers, no check per access), for a module
    /// that runs as an unprivileged task under the Cortex-M3 MPU — an RTOS's MPU task, the
    /// way untrusted code is isolated on such parts: everything the module writes (its
    /// `.data`, its memory in `.bss`) lies in two sections each aligned and sized as an MPU
    /// region, listed in `weft_task_regions` (`TaskRegions`) for the firmware to give the task;
    /// the MPU then faults any access of the module outside them, with no instruction spent
    /// per access.
    case task

    /// Whether linear memory is an object the linker places (`.bss`, its initialized part
    /// copied in by `weft_init`), reached from relocated bases.
    public var placedByLinker: Bool { self == .linked || self == .mpu || self == .relocated || self == .task }

    /// Whether the model needs the linker's relocations in the module, whose addresses it
    /// makes physical (`relocated`, `task`).
    public var needsRelocations: Bool { self == .relocated || self == .task }

    /// The models that compile any module (every one but `relocated` and `task`).
    public static var forAnyModule: [MemoryModel] { allCases.filter { !$0.needsRelocations } }

    /// Whether an access adds a base to its Wasm address (every model but `identity`,
    /// `relocated` and `task`, whose Wasm addresses are physical).
    public var addsBase: Bool { self != .identity && !needsRelocations }

    /// Whether accesses add `weft_memory` without a check, so a pointer may be held as its
    /// physical address (`NativePointers`): `base`, `linked`, `mpu`.
    public var allowsNativePointers: Bool { self == .base || self == .linked || self == .mpu }
}
