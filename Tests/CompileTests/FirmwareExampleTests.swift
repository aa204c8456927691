import Compile
import ELF
import Foundation
import Harness
import Testing
import ThumbHarness
import WAT
import WasmDecode

/// `examples/firmware` built by its Makefile (C to wasm32, `weft compile --header`, a native
/// startup and linker script for an STM32F103C8, `arm-none-eabi-gcc`) and the linked image
/// booted in the Unicorn Cortex-M3 as the part boots it: from its vector table, with 20 KiB of
/// RAM filled with garbage first (so the startup's `.data` copy and `.bss` zeroing, and
/// `weft_init`, must do their work) and flash holding `.data`'s load image. Its console must
/// be, byte for byte, what the same C prints built natively for the host (`host.c`): the
/// filter chain, the command parser and both CRCs run through weft's code. Also: a Wasm trap
/// ends in the HardFault handler, the link fails when RAM cannot hold the image, and the
/// header `weft compile --header` writes for a module of awkward names is C and C++ that
/// links. A missing tool cancels the tests with the reason, never passes them.
@Suite struct FirmwareExampleTests {
    let scratch = ScratchSpace("weft-firmware")

    static let example = TestPaths.packageRoot + "/examples/firmware"
    static let ramBase: UInt32 = 0x2000_0000
    static let ramSize: UInt32 = 20 * 1024
    /// The peripherals main.c touches: GPIOC and USART1 (APB2), and RCC.
    static let peripherals: [(UInt32, UInt32)] = [(0x4001_0000, 0x4000), (0x4002_1000, 0x1000)]
    static let usartStatus: UInt32 = 0x4001_3800
    /// SCB registers the fault path reads or writes.
    static let shcsr: UInt32 = 0xE000_ED24
    static let aircr: UInt32 = 0xE000_ED0C

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The tools `make` runs (keyed by the Makefile's variable for them, where it has one);
    /// cancels the test when one is missing.
    static func tools() throws -> [String: String] {
        var found: [String: String] = [:]
        var missing: [String] = []
        for (variable, tool, fromToolchain) in [
            ("MAKE", "make", false), ("CLANG", "clang", true), ("WASM_LD", "wasm-ld", true),
            ("GCC", "arm-none-eabi-gcc", false), ("HOSTCC", "cc", false),
        ] {
            if let path = fromToolchain ? Subprocess.toolchain(tool) : Subprocess.which(tool) {
                found[variable] = path
            } else {
                missing.append(tool)
            }
        }
        if !FileManager.default.isExecutableFile(atPath: TestPaths.weft) { missing.append(TestPaths.weft) }
        if !missing.isEmpty {
            try Test.cancel("examples/firmware needs \(missing.joined(separator: ", ")) (make deps)")
        }
        return found
    }

    /// `make` in the example with the build folder in scratch space and weft as built beside
    /// the tests, for `files` of that folder (none: the default goal); `variables` added to
    /// the command line. The result, whatever the status.
    func make(_ files: [String] = [], model: String, _ variables: [String] = []) throws -> (
        build: String, result: ProcessResult
    ) {
        let tools = try Self.tools()
        let build = scratch.path("build-\(model)")
        let targets = files.map { build + "/" + $0 }
        var arguments = ["-C", Self.example, "BUILD=\(build)", "WEFT=\(TestPaths.weft)", "MODEL=\(model)"]
        arguments += ["CLANG=\(tools["CLANG"] ?? "clang")", "WASM_LD=\(tools["WASM_LD"] ?? "wasm-ld")"]
        arguments += ["HOSTCC=\(tools["HOSTCC"] ?? "cc")"]
        let result = try Subprocess.run(tools["MAKE"] ?? "make", arguments + variables + targets, timeout: 600)
        return (build, result)
    }

    /// `make` that must succeed: the build folder.
    func built(_ files: [String] = [], model: String) throws -> String {
        let (build, result) = try make(files, model: model)
        guard result.status == 0 else {
            throw Failure(description: "make \(files.joined(separator: " ")) (MODEL=\(model)): \(result.stderr)")
        }
        return build
    }

    /// A part: the image loaded, its RAM (all 20 KiB, filled with 0xA5) and peripherals
    /// mapped, `.data`'s load image in flash at `_sidata`, USART1 always ready to send.
    static func part(_ image: [UInt8]) throws -> (machine: Machine, file: ELFFile) {
        let file = try ELFFile(image)
        let machine = try Machine()
        try machine.load(image: image)
        try machine.map(ramBase, size: ramSize)
        for (base, size) in peripherals { try machine.map(base, size: size) }
        try machine.write([UInt8](repeating: 0xA5, count: Int(ramSize)), at: ramBase)
        guard let data = file.sections.first(where: { $0.name == ".data" }), let load = machine.symbols["_sidata"]
        else { throw Failure(description: "the image has no .data or no _sidata") }
        try machine.write(data.bytes, at: load)
        try machine.write(LittleEndian.bytes(UInt32(0xC0)), at: usartStatus)  // TXE | TC
        return (machine, file)
    }

    /// Runs the part from its reset vector (the initial stack pointer must be RAM's top).
    static func boot(_ machine: Machine, budget: Int = 5_000_000) throws -> Machine.Outcome {
        let stack = try machine.word(at: Machine.codeBase)
        #expect(stack == ramBase + ramSize, "initial stack pointer 0x\(String(stack, radix: 16))")
        let reset = try machine.word(at: Machine.codeBase + 4)
        #expect(reset & 1 == 1 && reset == machine.symbols["Reset_Handler"], "reset vector")
        return try machine.call(reset, budget: budget)
    }

    /// What the firmware printed on its console so far.
    static func console(_ machine: Machine) throws -> String {
        guard let buffer = machine.symbols["console"], let length = machine.symbols["console_length"] else {
            throw Failure(description: "the image defines no console")
        }
        let count = try machine.word(at: length)
        guard count <= 2048 else { throw Failure(description: "console_length is \(count)") }
        return String(decoding: try machine.read(Int(count), at: buffer), as: UTF8.self)
    }

    /// Under both models a firmware ships C with, the image runs the whole demo — samples
    /// through the filter chain, every command, both CRCs, the LED, the statistics read in
    /// place through the pointer an export returned — and prints exactly what the host build
    /// of the same C prints; the CRC-32 check value shows the answer is not merely shared.
    @Test(arguments: ["linked", "relocated"])
    func theImagePrintsWhatTheSameCPrintsOnTheHost(_ model: String) throws {
        let build = try built(model: model)
        let expected = try String(contentsOfFile: build + "/expected.txt", encoding: .utf8)
        #expect(expected.contains("CRC32 CBF43926") && expected.hasSuffix("done\r\n"), "host: \(expected)")
        let (machine, _) = try Self.part(Array(try Data(contentsOf: URL(fileURLWithPath: build + "/firmware.elf"))))
        let outcome = try Self.boot(machine)
        let printed = try Self.console(machine)
        #expect(printed == expected, "\(model): the image printed\n\(printed)\nafter \(outcome)")
        // Ended in main's return: the idle loop, no fault.
        if case .runaway = outcome {} else { Issue.record("\(model): the run ended \(outcome)") }
        #expect(try machine.word(at: machine.symbols["fault_pc"] ?? 0) == 0)
    }

    /// A Wasm trap in the firmware (`AVG 0` divides by zero, firmware.c) stops at a `udf` in
    /// weft's code; with UsageFault left disabled (SHCSR) the core escalates it to HardFault,
    /// so it enters the vector table's HardFault entry with the frame stacked. Unicorn stops at
    /// the `udf` instead of taking the exception, so the test stacks the frame as the core does
    /// and enters the handler, which reports the trap's address and asks for a reset.
    @Test func aWasmTrapInTheFirmwareEndsInTheHardFaultHandler() throws {
        let build = try built(["firmware-trap.elf"], model: "linked")
        let image = Array(try Data(contentsOf: URL(fileURLWithPath: build + "/firmware-trap.elf")))
        let (machine, file) = try Self.part(image)
        let outcome = try Self.boot(machine)
        guard case .trapped(let exception, let pc) = outcome, exception == Machine.undefinedInstruction else {
            Issue.record("the run ended \(outcome), not at a udf")
            return
        }
        let instruction = try machine.read(2, at: pc)
        #expect(instruction[1] == 0xDE, "0x\(String(pc, radix: 16)) holds \(instruction), not a udf")
        // In weft's code: a function of sensor_node.o (every function there is fw_* or weft_*).
        let function = file.symbols.first {
            $0.type == 2 && pc >= $0.value & ~1 && pc < ($0.value & ~1) + $0.size
        }
        #expect(
            function.map { $0.name.hasPrefix("fw_") || $0.name.hasPrefix("weft_") } == true,
            "the udf at 0x\(String(pc, radix: 16)) lies in \(function?.name ?? "no function")")
        #expect(try Self.console(machine).hasSuffix("> AVG 0\r\n"))

        // The exception entry: UsageFault disabled, so HardFault, vector 3.
        #expect(try machine.word(at: Self.shcsr) & (1 << 18) == 0)
        let handler = try machine.word(at: Machine.codeBase + 3 * 4)
        #expect(handler == machine.symbols["HardFault_Handler"], "vector 3")
        let frame = [0, 1, 2, 3].map { machine.register($0) } + [machine.register(12), 0, pc, 0x0100_0000]
        // Four words for r0-r3, then the eight-word frame at sp, where the core stacks it.
        let report = try machine.call(handler, [0, 0, 0, 0] + frame, budget: 100_000)
        if case .runaway = report {} else { Issue.record("the handler ended \(report)") }
        #expect(try machine.word(at: machine.symbols["fault_pc"] ?? 0) == pc)
        let hex = String(pc, radix: 16, uppercase: true)
        let line = "FAULT pc=" + String(repeating: "0", count: 8 - hex.count) + hex + "\r\n"
        #expect(try Self.console(machine).hasSuffix("> AVG 0\r\n" + line))
        #expect(try machine.word(at: Self.aircr) == 0x05FA_0004, "SYSRESETREQ")
    }

    /// The image's RAM (`.data`, `.bss` with weft's linear memory, the stack's room) fits the
    /// part's 20 KiB; a linear memory reserved too large for it fails the link.
    @Test func theImageFitsTheRAMAndALinkThatDoesNotFitFails() throws {
        let build = try built(model: "linked")
        let file = try ELFFile(Array(try Data(contentsOf: URL(fileURLWithPath: build + "/firmware.elf"))))
        var used: UInt32 = 0
        for s in file.sections where s.isAllocated && s.address >= Self.ramBase {
            #expect(s.address + s.size <= Self.ramBase + Self.ramSize, "\(s.name) ends past RAM")
            used += s.size
        }
        #expect(used > 2048 && used <= Self.ramSize, "RAM: \(used) bytes")

        let (_, failed) = try make(
            model: "linked", ["WEFT_FLAGS=--memory linked --assume-dead-stack --memory-size 24K"])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("region `RAM' overflowed"), "\(failed.stderr)")
    }

    /// A module whose names are no C identifiers (a keyword, a dash, a comment's end, quotes),
    /// with imported and exported globals, an exported table, a start function, a function of
    /// two results (r0-r3: no C prototype) and one of five (a results struct).
    static let oddModule = """
        (module
          (import "env" "log-value" (func $log (param i32 i64)))
          (import "env" "int" (func $kw (result f32)))
          (import "env" "max-level" (global $max i32))
          (import "env" "counter" (global $counter (mut i64)))
          (memory 1)
          (global $g (mut i32) (i32.const 7))
          (global $k i32 (i32.const 64))
          (global $d (mut f64) (f64.const 1.5))
          (table 2 funcref)
          (elem (i32.const 0) $odd $class)
          (func $odd (export "odd-name") (param i32 f64) (result f32)
            (f32.demote_f64 (f64.add (f64.convert_i32_s (local.get 0)) (local.get 1))))
          (func $class (export "class") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 3)))
          (func (export "pair") (result i32 i32) (i32.const 1) (i32.const 2))
          (func (export "many") (param i32) (result i32 i64 f32 i64 i32)
            (local.get 0)
            (i64.mul (i64.extend_i32_s (local.get 0)) (i64.const 1000000000000))
            (f32.convert_i32_s (local.get 0))
            (i64.sub (i64.const 0) (i64.extend_i32_s (local.get 0)))
            (i32.add (local.get 0) (i32.const 1)))
          (func (export "*/ evil \\"name\\"?"))
          (func (export "uses") (result i32)
            (call $log (global.get $max) (global.get $counter))
            (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
            (i32.add (global.get $g) (i32.trunc_f32_s (call $kw))))
          (func $init (global.set $g (i32.add (global.get $g) (i32.const 1))))
          (start $init)
          (export "g" (global $g))
          (export "k" (global $k))
          (export "d" (global $d))
          (export "tab" (table 0))
          (export "memory" (memory 0)))
        """

    /// C calling every odd export under the header's names and defining every import: links
    /// only if each `__asm__` label names the object's symbol; `check` returns 1 when the
    /// results (through the results struct too) are right.
    static let oddCaller = """
        #include "odd.h"
        void weft_log_value(int32_t level, int64_t count) { (void)level; (void)count; }
        float weft_int(void) { return 2.75f; }
        const int32_t weft_max_level = 3;
        int64_t counter = 40;
        int32_t check(void) {
            struct many_results r;
        #if WEFT_HAS_INIT
            weft_init();
        #endif
            many(&r, 5);
            if (r.r0 != 5 || r.r1 != 5000000000000LL || r.r2 != 5.0f || r.r3 != -5 || r.r4 != 6) return 2;
            if (weft_odd_name(2, 0.5) != 2.5f || weft_class(-7) != -21) return 3;
            if (uses() != 10 || counter != 41 || g != 8 || k != 64 || d != 1.5 || tab[0] == 0) return 4;
            weft_evil_name();
            return 1;
        }
        """

    /// `weft compile --header`'s text for that module compiles as C99 and C++ (arm-none-eabi-gcc
    /// and g++, clang and clang++, `-Wall -Wextra -pedantic -Werror`) under each model, and C
    /// written against it links with the object and computes the right results.
    @Test(arguments: [MemoryModel.linked, .mpu, .checked, .identity])
    func theHeaderCompilesAsCAndCPlusPlusWhateverTheModuleNames(_ memory: MemoryModel) throws {
        guard let gcc = Subprocess.which("arm-none-eabi-gcc"), let gxx = Subprocess.which("arm-none-eabi-g++"),
            let clang = Subprocess.toolchain("clang"), let libgcc = CompiledInstance.libgcc
        else {
            try Test.cancel("arm-none-eabi-gcc, arm-none-eabi-g++ and clang are needed (make deps)")
        }
        let module = try WasmDecoder.decode(try wat2wasm(Self.oddModule), file: "odd.wat")
        let output = try CompiledInstance.compile(module, memory: memory)
        let header = CHeader(
            module: output.module, compiled: output.compiled, memory: memory, guardName: "odd.h", source: "odd.wat")
        let folder = scratch.path("odd")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try header.text.write(toFile: folder + "/odd.h", atomically: true, encoding: .utf8)
        let text = header.text
        #expect(text.contains("#ifndef ODD_H") && text.contains("extern \"C\" {"))
        #expect(
            text.contains(
                "#if defined(__clang__) /* GNU as cannot name \"odd-name\": only clang reaches it */\n"
                    + "float weft_odd_name(int32_t, double) __asm__(\"odd-name\");"))
        #expect(text.contains("extern void weft_log_value(int32_t, int64_t) __asm__(\"log-value\");"))
        #expect(text.contains("int64_t weft_class(int64_t) __asm__(\"class\");"))
        #expect(text.contains("void many(struct many_results *results, int32_t);"))
        #expect(text.contains("pair [] -> [i32 i32]: its 2 results come back in r0-r3"))
        #expect(text.contains("extern int64_t counter;") && text.contains("extern const int32_t k;"))
        #expect(text.contains("__aeabi_") && text.contains("void weft_init(void);"))

        let strict = ["-Wall", "-Wextra", "-pedantic", "-Werror", "-c", "-o", folder + "/header.o"]
        let arm = ["-mcpu=cortex-m3", "-mthumb"]
        for (compiler, arguments) in [
            (gcc, arm + strict + ["-std=c99", "-x", "c"]),
            (gxx, arm + strict + ["-std=c++17", "-x", "c++"]),
            (clang, ["--target=thumbv7m-none-eabi", "-ffreestanding"] + strict + ["-std=c99", "-x", "c"]),
            (clang, ["--target=thumbv7m-none-eabi", "-ffreestanding"] + strict + ["-std=c++17", "-x", "c++"]),
        ] {
            let result = try Subprocess.run(compiler, arguments + [folder + "/odd.h"])
            #expect(result.status == 0, "\(compiler) \(arguments.suffix(3)): \(result.stderr)")
        }

        try Data(output.object).write(to: URL(fileURLWithPath: folder + "/odd.o"))
        try Self.oddCaller.write(toFile: folder + "/caller.c", atomically: true, encoding: .utf8)
        // clang: GNU as cannot name "log-value" (the header says so); the link by GNU ld.
        let compiled = try Subprocess.run(
            clang,
            ["--target=thumbv7m-none-eabi", "-mcpu=cortex-m3", "-ffreestanding", "-std=c99", "-Os", "-Wall"]
                + ["-Wextra", "-Werror", "-I", folder, "-c", folder + "/caller.c", "-o", folder + "/caller.o"])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let image = folder + "/odd.elf"
        var link = arm + ["-nostdlib", "-nostartfiles", "-Wl,-e,check", "-Wl,-Ttext=0x8000000", "-Wl,-z,noexecstack"]
        link.append(memory == .identity ? "-Wl,-Tdata=0" : "-Wl,-Tdata=0x20000000")
        let linked = try Subprocess.run(gcc, link + [folder + "/caller.o", folder + "/odd.o", libgcc, "-o", image])
        #expect(linked.status == 0, "\(linked.stderr)")
        guard linked.status == 0 else { return }
        let machine = try Machine()
        try machine.load(image: Array(try Data(contentsOf: URL(fileURLWithPath: image))))
        let outcome = try machine.call("check")
        #expect(outcome == .returned(r0: 1, r1: machine.register(1)), "\(memory): check() ended \(outcome)")
    }
}
