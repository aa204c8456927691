import CUnicorn
import ELF
import UnicornShim

/// A Cortex-M3 emulated by Unicorn, for tests: code loaded from an ELF object (relocations
/// applied) or a linked image, functions called per the AAPCS, traps and runaway loops
/// reported, memory read and written.
///
/// Memory map: code and data from `codeBase`, a stack below `stackTop`, and a scratch area
/// from `scratchBase` that `allocate` hands out (where tests put buffers). A linked image's
/// sections outside the code area go where they are linked: below it (Wasm linear memory at
/// address 0) or in `ramBase..<stackTop - stackSize` (RAM, as most Cortex-M parts have at
/// 0x20000000), each mapped on its own pages.
///
/// Host functions: a `svc #n` runs `supervisorCall` with `n` (it reads arguments from r0–r3
/// and sets results there, as an import's host side) and execution resumes after it.
///
/// Invariant: a call starts with sp at `stackTop` and lr at a return address nothing else
/// uses; it ends when pc reaches it (a return), at an exception (`udf`, a fault, a `svc`
/// with no host), or when the instruction budget runs out.
public final class Machine {
    public static let codeBase: UInt32 = 0x0800_0000
    public static let codeSize: UInt32 = 0x0100_0000
    /// Where an image's RAM may lie (up to the stack).
    public static let ramBase: UInt32 = 0x2000_0000
    public static let stackTop: UInt32 = 0x3004_0000
    public static let stackSize: UInt32 = 0x0004_0000
    public static let scratchBase: UInt32 = 0x3010_0000
    public static let scratchSize: UInt32 = 0x0010_0000
    /// The exception number of an undefined instruction (`udf`): QEMU's EXCP_UDEF.
    public static let undefinedInstruction: Int32 = 1
    /// The exception number of a MemManage fault (an access the emulated MPU refuses).
    public static let memoryManagementFault = Int32(WEFT_MEMMANAGE_FAULT)
    /// The System Control Space page, where the MPU's registers are (plain memory here;
    /// `emulateMPU` reads them).
    public static let systemControlSpace: UInt32 = 0xE000_E000
    /// The exception number of a supervisor call (`svc`).
    public static let supervisorCallException: Int32 = 2
    /// The most host calls one call may make (a runaway loop of them ends the call).
    public static let hostCallLimit = 1_000_000

    /// The host side of `svc #n`: called with `n`; reads and sets registers (`register`,
    /// `setRegister`) and memory as the AAPCS passes arguments and results.
    public var supervisorCall: ((UInt8, Machine) -> Void)?
    /// Where a called function returns to: a page of its own.
    static let returnAddress: UInt32 = 0x07FF_F000

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }

    /// How a call ended.
    public enum Outcome: Equatable, Sendable {
        /// Returned: r0 and r1 (a 64-bit result is r1:r0).
        case returned(r0: UInt32, r1: UInt32)
        /// A CPU exception (an `udf` is exception 1, undefined instruction) at `pc`.
        case trapped(exception: Int32, pc: UInt32)
        /// The instruction budget ran out at `pc`.
        case runaway(pc: UInt32)
        /// Unicorn stopped with an error (an unmapped access) at `pc`.
        case fault(String, pc: UInt32)
    }

    let engine: OpaquePointer
    let exception: UnsafeMutablePointer<Int32>
    /// The emulated MPU's state (`emulateMPU`).
    let mpu: UnsafeMutablePointer<weft_mpu_state>
    /// The address of every symbol loaded so far.
    public private(set) var symbols: [String: UInt32] = [:]
    var nextCode = Machine.codeBase
    /// The pages `map` has mapped.
    var mapped = Set<UInt64>()
    var nextScratch = Machine.scratchBase

    public init() throws {
        var uc: OpaquePointer?
        let mode = uc_mode(rawValue: UC_MODE_THUMB.rawValue | UC_MODE_MCLASS.rawValue)
        guard uc_open(UC_ARCH_ARM, mode, &uc) == UC_ERR_OK, let uc else {
            throw Failure("unicorn: cannot open an Arm engine")
        }
        engine = uc
        exception = .allocate(capacity: 1)
        mpu = .allocate(capacity: 1)
        exception.pointee = -1
        guard weft_uc_cortex_m3(uc) == 0, weft_uc_catch_exceptions(uc, exception) == 0 else {
            throw Failure("unicorn: cannot select a Cortex-M3")
        }
        for (base, size) in [
            (Self.returnAddress, UInt32(0x1000)), (Self.codeBase, Self.codeSize),
            (Self.stackTop - Self.stackSize, Self.stackSize), (Self.scratchBase, Self.scratchSize),
            (Self.systemControlSpace, 0x1000),
        ] {
            guard uc_mem_map(uc, UInt64(base), Int(size), UInt32(UC_PROT_ALL.rawValue)) == UC_ERR_OK else {
                throw Failure("unicorn: cannot map \(String(base, radix: 16))")
            }
        }
    }

    /// Whether accesses are checked as the MPU would (`emulateMPU`, `emulateTask`).
    public private(set) var emulatesMPU = false

    /// Checks every unprivileged load and store (`ldrt`, `strt`, ...) as the MPU would once
    /// code has enabled it: one outside the region code programmed ends the call as a
    /// MemManage fault (`memoryManagementFault`). Loading an object or image that defines
    /// `weft_mpu_region` (`--memory mpu`) turns it on.
    public func emulateMPU() throws {
        guard !emulatesMPU else { return }
        mpu.initialize(to: Self.mpuState(exception))
        guard weft_uc_emulate_mpu(engine, mpu) == 0 else { throw Failure("unicorn: cannot hook memory accesses") }
        emulatesMPU = true
    }

    /// Checks every load and store as the MPU checks an unprivileged task's (`--memory
    /// task`): allowed only in the two regions the table at `table` lists (`weft_task_regions`),
    /// on the stack, and, a read, in the code area; any other ends the call as a MemManage
    /// fault. Loading an object or image that defines `weft_task_regions` turns it on.
    public func emulateTask(table: UInt32) throws {
        guard !emulatesMPU else { return }
        var state = Self.mpuState(exception)
        state.table = table
        state.stack_low = Self.stackTop - Self.stackSize
        state.stack_high = Self.stackTop
        state.code_low = Self.codeBase
        state.code_high = Self.codeBase + Self.codeSize
        mpu.initialize(to: state)
        guard weft_uc_emulate_task(engine, mpu) == 0 else { throw Failure("unicorn: cannot hook memory accesses") }
        emulatesMPU = true
    }

    /// The emulated MPU's state before any access, writing faults to `slot`.
    static func mpuState(_ slot: UnsafeMutablePointer<Int32>) -> weft_mpu_state {
        weft_mpu_state(
            slot: slot, pending: 0, address: 0, size: 0, saved: (0, 0, 0, 0, 0, 0, 0, 0), task: 0, table: 0,
            stack_low: 0, stack_high: 0, code_low: 0, code_high: 0)
    }

    /// Writes back what a store the emulated MPU refused overwrote.
    func undoRefusedStore() throws {
        guard emulatesMPU, mpu.pointee.pending != 0 else { return }
        let saved = withUnsafeBytes(of: mpu.pointee.saved) { Array($0.prefix(Int(mpu.pointee.size))) }
        mpu.pointee.pending = 0
        try write(saved, at: mpu.pointee.address)
    }

    /// Maps `size` bytes at `address` (page-aligned outward), for an image whose sections
    /// lie outside the code area (Wasm linear memory linked at address 0, or RAM); pages
    /// already mapped are skipped, so sections may share a page.
    public func map(_ address: UInt32, size: UInt32) throws {
        var page = UInt64(address & ~0xFFF)
        let end = (UInt64(address) + UInt64(size) + 0xFFF) & ~0xFFF
        while page < end {
            guard !mapped.contains(page) else {
                page += 0x1000
                continue
            }
            // A run of pages not mapped yet: one region.
            var last = page
            while last < end, !mapped.contains(last) {
                mapped.insert(last)
                last += 0x1000
            }
            guard uc_mem_map(engine, page, Int(last - page), UInt32(UC_PROT_ALL.rawValue)) == UC_ERR_OK else {
                throw Failure("unicorn: cannot map 0x\(String(page, radix: 16))")
            }
            page = last
        }
    }

    deinit {
        uc_close(engine)
        exception.deallocate()
        mpu.deallocate()
    }

    // MARK: Memory

    public func write(_ bytes: [UInt8], at address: UInt32) throws {
        guard !bytes.isEmpty else { return }
        let status = bytes.withUnsafeBytes { uc_mem_write(engine, UInt64(address), $0.baseAddress, $0.count) }
        guard status == UC_ERR_OK else {
            throw Failure("cannot write \(bytes.count) bytes at 0x\(String(address, radix: 16))")
        }
    }

    public func read(_ count: Int, at address: UInt32) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return out }
        let status = out.withUnsafeMutableBytes { uc_mem_read(engine, UInt64(address), $0.baseAddress, $0.count) }
        guard status == UC_ERR_OK else {
            throw Failure("cannot read \(count) bytes at 0x\(String(address, radix: 16))")
        }
        return out
    }

    public func word(at address: UInt32) throws -> UInt32 {
        LittleEndian.word(try read(4, at: address), at: 0)
    }

    /// `bytes` copied to fresh scratch memory (16-byte aligned); their address.
    public func allocate(_ bytes: [UInt8]) throws -> UInt32 {
        let address = nextScratch
        guard UInt64(address) + UInt64(bytes.count) <= UInt64(Self.scratchBase) + UInt64(Self.scratchSize) else {
            throw Failure("scratch memory exhausted")
        }
        try write(bytes, at: address)
        nextScratch = (address + UInt32(bytes.count) + 15) & ~15
        return address
    }

    /// Reserves `size` bytes of code space (aligned to `align`); their address.
    func reserveCode(_ size: UInt32, align: UInt32) throws -> UInt32 {
        let a = max(align, 1)
        let address = (nextCode + a - 1) / a * a
        guard UInt64(address) + UInt64(size) <= UInt64(Self.codeBase) + UInt64(Self.codeSize) else {
            throw Failure("code memory exhausted")
        }
        nextCode = address + size
        return address
    }

    func define(_ name: String, _ address: UInt32) { symbols[name] = address }

    // MARK: Registers and calls

    func set(_ register: uc_arm_reg, _ value: UInt32) {
        var v = value
        uc_reg_write(engine, Int32(register.rawValue), &v)
    }

    func get(_ register: uc_arm_reg) -> UInt32 {
        var v: UInt32 = 0
        uc_reg_read(engine, Int32(register.rawValue), &v)
        return v
    }

    /// Calls the function at `address` (its Thumb bit is implied) with `arguments` as the
    /// AAPCS passes 32-bit words: r0–r3, then the stack. At most `budget` instructions run
    /// between host calls.
    public func call(_ address: UInt32, _ arguments: [UInt32] = [], budget: Int = 10_000_000) throws -> Outcome {
        let registers = [UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3]
        for (k, r) in registers.enumerated() { set(r, k < arguments.count ? arguments[k] : 0) }
        var sp = Self.stackTop
        let spilled = Array(arguments.dropFirst(4))
        sp -= UInt32((spilled.count * 4 + 7) & ~7)
        for (k, v) in spilled.enumerated() {
            try write(LittleEndian.bytes(v), at: sp + UInt32(4 * k))
        }
        set(UC_ARM_REG_SP, sp)
        set(UC_ARM_REG_LR, Self.returnAddress | 1)
        var start = address | 1
        var hostCalls = 0
        while true {
            exception.pointee = -1
            let status = uc_emu_start(engine, UInt64(start), UInt64(Self.returnAddress), 0, budget)
            try undoRefusedStore()
            let pc = get(UC_ARM_REG_PC)
            if exception.pointee == Self.supervisorCallException, let host = supervisorCall,
                hostCalls < Self.hostCallLimit
            {
                // pc is past the `svc #n` (encoding 0xDFnn).
                let instruction = try read(2, at: pc &- 2)
                guard instruction[1] == 0xDF else { return .trapped(exception: exception.pointee, pc: pc) }
                host(instruction[0], self)
                hostCalls += 1
                start = pc | 1
                continue
            }
            if exception.pointee >= 0 { return .trapped(exception: exception.pointee, pc: pc) }
            // Unicorn reports an undefined instruction (`udf`) this way rather than as an exception.
            if status == UC_ERR_INSN_INVALID { return .trapped(exception: Self.undefinedInstruction, pc: pc) }
            guard status == UC_ERR_OK else { return .fault(String(cString: uc_strerror(status)), pc: pc) }
            if pc & ~1 != Self.returnAddress { return .runaway(pc: pc) }
            return .returned(r0: get(UC_ARM_REG_R0), r1: get(UC_ARM_REG_R1))
        }
    }

    /// The stack pointer (where a host function finds arguments past r0–r3).
    public var stackPointer: UInt32 { self.get(UC_ARM_REG_SP) }

    /// Sets register r`n` (0–12), for host functions' results.
    public func setRegister(_ n: Int, _ value: UInt32) {
        set(uc_arm_reg(rawValue: UC_ARM_REG_R0.rawValue + UInt32(n)), value)
    }

    /// Register r`n` (0–12) as the last call left it (results beyond r0:r1).
    public func register(_ n: Int) -> UInt32 {
        get(uc_arm_reg(rawValue: UC_ARM_REG_R0.rawValue + UInt32(n)))
    }

    /// Calls the function named `symbol`.
    public func call(_ symbol: String, _ arguments: [UInt32] = [], budget: Int = 10_000_000) throws -> Outcome {
        guard let address = symbols[symbol] else { throw Failure("no symbol \(symbol)") }
        return try call(address, arguments, budget: budget)
    }
}
