#!/usr/bin/env python3
"""Weft's Thumb-2 against clang -Oz and gcc -Os, function by function (docs/size-gaps.md).

For each kernel of the bench's two corpora (bench/kernels.py) built in bench/build (`make
bench-build`), this compiles <k>.wasm with `weft compile` (the hot exports and what they
reach, --memory identity --assume-dead-stack by default, as run.py does) and compares the
object with <k>.clang.o and <k>.gcc.o:

  compare.py [KERNEL ...]                 per function: weft's bytes, clang's, gcc's, the gap
                                          to the smaller native; sorted by gap, with totals
  compare.py KERNEL --disasm FUNC         the three disassemblies of FUNC side by side
  compare.py [KERNEL ...] --categories    bytes by kind of instruction (frame, spills, constants,
                                          compare-branch, it, calls, ...) per kernel and summed
  compare.py --self-test                  checks of the parsers on built-in samples

Functions are matched by name. Weft names an export as its export and any other function
weft_fN, N its index in the input module: the input's name section (wasm-ld writes one)
gives its C name. A native symbol foo.constprop.0, foo.isra.0 or foo.part.0 (gcc's clones)
counts as foo. A function one compiler inlined everywhere has no symbol there: its row shows
`-`, and the gap is measured against the natives that kept it (against 0 when none did).
Weft inlines more than the natives: `+inl` credits the natives with the bytes of the
functions weft compiled into the row's (its direct callees in the input with no weft symbol,
recursively), and the second gap is measured against that (--sort credited orders by it).

Per-function bytes are the ELF symbols' sizes (literal pools included, as all three compilers
put them inside the function). Disassembly uses llvm-objdump --triple=thumbv7m from the Swift
toolchain ($OBJDUMP, else next to `swift`, else /opt/swift/usr/bin/llvm-objdump).
Environment: WEFT (default ../.build/release/weft from this folder). weft runs with
SWIFT_DETERMINISTIC_HASHING=1 unless --random-hashing: its output depends on Swift's
per-process hash seed on some modules (modbus), and a listing and a --disasm must agree.
"""
import argparse
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import kernels as listing  # noqa: E402  (bench/kernels.py: the kernels of both corpora)
import run as bench_run  # noqa: E402  (bench/run.py: its Wasm opcode tables)

BUILD = os.path.join(HERE, "build")
REPO = os.path.dirname(HERE)
DEFAULT_WEFT = os.path.join(REPO, ".build", "release", "weft")
DEFAULT_RULES = os.path.join(REPO, "rules")


class Failure(Exception):
    """A problem the user can fix (a missing build or tool): printed as one line."""


# ---------------------------------------------------------------- Wasm: the name section

def leb(data, i):
    """One unsigned LEB128 at data[i]: (value, next index) — run.py's reader."""
    return bench_run.leb(data, i)


def wasm_function_names(data, subsection=1):
    """{function index: name} from the name section's function names (subsection 1), imports
    included in the numbering, as weft_fN counts; {} when the module has no name section.
    subsection=7 gives the global names (weft_global_N) instead."""
    if data[:4] != b"\0asm":
        raise Failure("not a Wasm module")
    i, names = 8, {}
    while i < len(data):
        sid = data[i]
        size, j = leb(data, i + 1)
        end = j + size
        if sid == 0:
            length, k = leb(data, j)
            if data[k:k + length] == b"name":
                k += length
                while k < end:
                    sub = data[k]
                    sub_size, k = leb(data, k + 1)
                    if sub == subsection:
                        count, m = leb(data, k)
                        for _ in range(count):
                            index, m = leb(data, m)
                            n, m = leb(data, m)
                            names[index] = data[m:m + n].decode("utf-8", "replace")
                            m += n
                    k += sub_size
        i = end
    return names


def wasm_direct_calls(data):
    """{function index: set of the function indices it calls directly (call, return_call)},
    defined functions only, imports counted in the numbering."""
    imported, bodies = 0, []
    for sid, start, end in bench_run.sections(data):
        if sid == 2:
            count, i = leb(data, start)
            for _ in range(count):
                for _ in range(2):  # module and field names
                    length, i = leb(data, i)
                    i += length
                kind, i = data[i], i + 1
                if kind == 0:
                    imported += 1
                    i = leb(data, i)[1]
                elif kind in (1, 2):  # table (a reference type first), memory: limits
                    if kind == 1:
                        i += 1
                    flags, i = data[i], i + 1
                    i = leb(data, i)[1]
                    if flags & 1:
                        i = leb(data, i)[1]
                elif kind == 3:
                    i += 2
                else:
                    i = leb(data, i + 1)[1]
        elif sid == 10:
            count, i = leb(data, start)
            for _ in range(count):
                size, i = leb(data, i)
                bodies.append(data[i:i + size])
                i += size
    return {imported + k: direct_callees(body) for k, body in enumerate(bodies)}


def direct_callees(body):
    """The function indices of the call and return_call instructions of one body."""
    try:
        return {callee for _, callee in bench_run.calls(body) if callee is not None}
    except ValueError as e:
        raise Failure(str(e))


# ---------------------------------------------------------------- ELF: function symbols

def elf_functions(path):
    """[(name, section index, address, size)] of the function symbols of an ELF32 object,
    Thumb bit cleared; a size of 0 becomes the distance to the next symbol of the section (or
    its end)."""
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 1:
        raise Failure(f"{path}: not an ELF32 object")
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, _ = struct.unpack_from("<HHH", data, 0x2E)

    def header(k):
        return struct.unpack_from("<IIIIIIIIII", data, shoff + k * shentsize)

    everything, functions = [], []  # every named symbol (for sizes), the functions
    for k in range(shnum):
        _, kind, _, _, offset, size, link, _, _, entsize = header(k)
        if kind != 2:  # SHT_SYMTAB
            continue
        strings = header(link)[4]
        entsize = entsize or 16
        for n in range(size // entsize):
            st_name, value, st_size, info, _, shndx = struct.unpack_from("<IIIBBH", data, offset + n * entsize)
            if not st_name or not 0 < shndx < 0xFF00:
                continue
            start = strings + st_name
            name = data[start:data.index(b"\0", start)].decode("utf-8", "replace")
            if info & 0xF == 3 or name.startswith("$"):  # sections, mapping symbols
                continue
            everything.append((shndx, value & ~1))
            if info & 0xF == 2:  # STT_FUNC
                functions.append([name, shndx, value & ~1, st_size])
    for f in functions:
        if f[3] == 0:
            later = [a for s, a in everything if s == f[1] and a > f[2]]
            f[3] = (min(later) if later else header(f[1])[5]) - f[2]
    return [tuple(f) for f in functions]


def text_bytes(path):
    """Sum of the sizes of the .text* sections of an ELF32 object (run.py's reader)."""
    return bench_run.text_bytes(path)


CLONE = re.compile(r"\.(constprop|isra|part|cold|lto_priv|llvm)\.?\d*.*$")


def base_name(symbol):
    """gcc's clone suffixes dropped: foo.constprop.0 → foo."""
    return CLONE.sub("", symbol)


WEFT_INDEX = re.compile(r"^weft_f(\d+)$")


def weft_name(symbol, names):
    """The C name of a weft symbol: an export as it is, weft_fN by the name section."""
    m = WEFT_INDEX.match(symbol)
    if m and int(m.group(1)) in names:
        return names[int(m.group(1))]
    return symbol


# ---------------------------------------------------------------- disassembly

def objdump_path():
    candidates = [os.environ.get("OBJDUMP")]
    swift = shutil.which("swift")
    if swift:
        candidates.append(os.path.join(os.path.dirname(os.path.realpath(swift)), "llvm-objdump"))
        candidates.append(os.path.join(os.path.dirname(swift), "llvm-objdump"))
    candidates.append("/opt/swift/usr/bin/llvm-objdump")
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    raise Failure("llvm-objdump not found: set OBJDUMP, or put the Swift toolchain's folder on PATH")


INSN = re.compile(r"^\s*([0-9a-f]+):\s((?:[0-9a-f]{2,8} )+)\s*\t(\S+)(?:\t(.*))?$")
SYMBOL = re.compile(r"^([0-9a-f]+) <(.+)>:$")
RELOC = re.compile(r"^\s+([0-9a-f]+):\s+(R_ARM_\S+)\s+(\S+)")


class Insn:
    __slots__ = ("address", "size", "mnemonic", "operands", "target")

    def __init__(self, address, size, mnemonic, operands):
        self.address, self.size, self.mnemonic, self.operands = address, size, mnemonic, operands
        self.target = None  # a relocation's symbol

    def text(self):
        ops = self.operands
        if self.target and self.mnemonic in ("bl", "blx", "b.w", "b"):
            ops = self.target
        elif self.target:
            ops = f"{ops} ; {self.target}"
        return f"{self.mnemonic} {ops}".strip()


def parse_objdump(text):
    """{symbol: [Insn]} from `llvm-objdump -d -r` output, comments (`@ ...`) dropped."""
    out, current = {}, None
    for line in text.splitlines():
        m = SYMBOL.match(line)
        if m:
            current = out.setdefault(m.group(2), [])
            continue
        if current is None:
            continue
        m = INSN.match(line)
        if m:
            encoding = m.group(2).split()
            size = sum(len(e) for e in encoding) // 2
            operands = (m.group(4) or "").split("@")[0].strip()
            current.append(Insn(int(m.group(1), 16), size, m.group(3), operands))
            continue
        m = RELOC.match(line)
        if m and current and current[-1].address == int(m.group(1), 16):
            current[-1].target = m.group(3)
    return out


def disassemble(path, objdump):
    result = subprocess.run([objdump, "-d", "-r", "--triple=thumbv7m", path], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"{objdump} failed on {path}: {result.stderr.strip()}")
    return parse_objdump(result.stdout)


# ---------------------------------------------------------------- instruction categories

CATEGORIES = [
    ("frame", "push/pop, stmdb/ldmia sp!, sp adjustments"),
    ("sp-access", "loads/stores at [sp] (spills, reloads, locals), add rX, sp"),
    ("const-literal", "ldr rX, [pc] and adr (the pool's words are under literal-pool)"),
    ("const-movw", "movw/movt"),
    ("const-imm", "mov/mvn rX, #imm"),
    ("literal-pool", "data in the code: literal pools, tbb/tbh and jump tables (.word/.short)"),
    ("move", "register-to-register moves"),
    ("compare-branch", "cmp/cmn/tst/teq, conditional branches, cbz/cbnz"),
    ("it", "it blocks (the it instruction itself)"),
    ("branch", "unconditional b, tbb/tbh"),
    ("call", "bl/blx"),
    ("return", "bx lr"),
    ("memory", "other loads and stores"),
    ("compute", "everything else (arithmetic, logic, shifts, multiplies, ...)"),
    ("other", "udf (traps), nop"),
]
CATEGORY_NAMES = [c for c, _ in CATEGORIES]

CONDITIONS = "eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al"
COND_BRANCH = re.compile(rf"^b({CONDITIONS})(\.w|\.n)?$")
COND_SUFFIX = re.compile(rf"({CONDITIONS})$")
IT = re.compile(r"^it([te]{0,3})$")
LOADSTORE = re.compile(r"^(ldr|str|ldm|stm|ldrex|strex|pld)")


def classify(insns):
    """[(category, insn)] for a function's instructions; instructions inside an it block have
    their condition suffix dropped first (moveq → mov)."""
    out, pending = [], 0
    for insn in insns:
        mnemonic = insn.mnemonic
        width = ""
        if mnemonic.endswith((".w", ".n")):
            mnemonic, width = mnemonic[:-2], mnemonic[-2:]
        if pending:
            pending -= 1
            if not COND_BRANCH.match(mnemonic):
                mnemonic = COND_SUFFIX.sub("", mnemonic) or mnemonic
        ops = insn.operands.replace(" ", "")
        m = IT.match(mnemonic)
        if m and insn.size == 2:
            pending = 1 + len(m.group(1))
            category = "it"
        elif mnemonic.startswith("."):
            category = "literal-pool"
        elif mnemonic in ("push", "pop") or (mnemonic in ("stmdb", "ldmia", "ldm", "stmfd", "ldmfd") and ops.startswith("sp!")):
            category = "frame"
        elif mnemonic in ("add", "sub", "adds", "subs", "addw", "subw") and ops.startswith("sp,"):
            category = "frame"
        elif mnemonic in ("add", "adds", "addw", "sub", "subs", "subw") and re.match(r"^r\d+,sp", ops):
            category = "sp-access"
        elif LOADSTORE.match(mnemonic) and "[sp" in ops:
            category = "sp-access"
        elif (LOADSTORE.match(mnemonic) and "[pc" in ops) or mnemonic == "adr":
            category = "const-literal"
        elif mnemonic in ("movw", "movt"):
            category = "const-movw"
        elif mnemonic in ("mov", "movs", "mvn", "mvns") and "#" in ops:
            category = "const-imm"
        elif mnemonic in ("mov", "movs") and re.match(r"^(r\d+|sb|sl|fp|ip|lr|sp),(r\d+|sb|sl|fp|ip|lr|sp)$", ops):
            category = "move" if "sp" not in ops.split(",") else "frame"
        elif mnemonic in ("cmp", "cmn", "tst", "teq", "cbz", "cbnz") or COND_BRANCH.match(mnemonic):
            category = "compare-branch"
        elif mnemonic in ("b", "tbb", "tbh"):
            category = "branch"
        elif mnemonic in ("bl", "blx"):
            category = "call"
        elif mnemonic == "bx" and ops == "lr":
            category = "return"
        elif LOADSTORE.match(mnemonic):
            category = "memory"
        elif mnemonic in ("udf", "nop", "bkpt"):
            category = "other"
        else:
            category = "compute"
        out.append((category, insn))
    return out


def category_bytes(insns):
    """{category: [instructions, bytes]} of a list of instructions."""
    out = {c: [0, 0] for c in CATEGORY_NAMES}
    for category, insn in classify(insns):
        out[category][0] += 0 if category == "literal-pool" else 1
        out[category][1] += insn.size
    return out


PATTERNS = [
    ("table trampolines", "a lone b right after a tbb/tbh table (the table's entries land on it)"),
    ("mov #0x400-0x1ffff", "a 32-bit mov/mvn of a constant in 0x400-0x1ffff (addresses, under identity)"),
    ("shift-count masks", "and rX, rY, #0x1f or #0x3f (Wasm's shift count modulo 32/64)"),
    ("zero/sign extensions", "uxtb, uxth, sxtb, sxth"),
    ("byte reversals", "rev, rev16, revsh"),
    ("paired loads/stores", "ldrd, strd, ldm, stm (other than push/pop)"),
    ("writeback addressing", "loads and stores with [rN], #imm or [rN, #imm]!"),
    ("umull", "umull (a 64-bit product)"),
    ("smull", "smull (a signed 32x32->64 product)"),
    ("udf", "udf (a trap)"),
    ("shadow-stack frames", "literal words holding the address of Wasm's __stack_pointer"),
]


def pattern_counts(insns, stack_pointer=None):
    """{pattern: [count, bytes]} of PATTERNS in a list of instructions; stack_pointer is the
    symbol of the Wasm's __stack_pointer global (weft's objects only)."""
    out = {p: [0, 0] for p, _ in PATTERNS}

    def add(p, insn):
        out[p][0] += 1
        out[p][1] += insn.size

    classified = classify(insns)
    for k, (category, insn) in enumerate(classified):
        m = insn.mnemonic.split(".")[0]
        ops = insn.operands.replace(" ", "")
        if m in ("tbb", "tbh"):
            j = k + 1
            while j < len(insns) and insns[j].mnemonic.startswith("."):
                j += 1
            while j < len(insns) and insns[j].mnemonic in ("b", "b.w"):
                add("table trampolines", insns[j])
                j += 1
        if category == "const-imm" and insn.size == 4:
            v = re.search(r"#(-?0x[0-9a-f]+|-?\d+)$", ops)
            if v and 0x400 <= int(v.group(1), 0) < 0x20000:
                add("mov #0x400-0x1ffff", insn)
        if re.match(r"^ands?$", m) and re.search(r"#0x(1f|3f)$", ops):
            add("shift-count masks", insn)
        if re.match(r"^(uxt|sxt)[bh]$", m):
            add("zero/sign extensions", insn)
        if m in ("rev", "rev16", "revsh"):
            add("byte reversals", insn)
        if m in ("ldrd", "strd", "ldm", "stm", "ldmia", "stmia", "ldmdb", "stmdb") and category != "frame":
            add("paired loads/stores", insn)
        if LOADSTORE.match(m) and re.search(r"\],#|\]!$", ops):
            add("writeback addressing", insn)
        if m in ("umull", "smull", "udf"):
            add(m, insn)
        if stack_pointer and category == "literal-pool" and insn.target == stack_pointer:
            add("shadow-stack frames", insn)
    return out


# ---------------------------------------------------------------- one kernel

class Kernel:
    """A built kernel: its artifacts, and weft's object compiled on demand."""

    def __init__(self, name, corpus, folder, options):
        self.name, self.corpus, self.folder, self.options = name, corpus, folder, options
        self.out = os.path.join(BUILD, name)
        self.wasm = os.path.join(self.out, name + ".wasm")
        self.natives = {"clang": os.path.join(self.out, name + ".clang.o"),
                        "gcc": os.path.join(self.out, name + ".gcc.o")}
        for path in [self.wasm, *self.natives.values()]:
            if not os.path.exists(path):
                raise Failure(f"{os.path.relpath(path)} is missing: run `make bench-build` first")
        self.hot = json.load(open(os.path.join(folder, "kernel.json")))["hot"]
        self.names = wasm_function_names(open(self.wasm, "rb").read())
        self.weft_object = None
        self.command = None

    def compile(self, scratch):
        o = self.options
        self.weft_object = os.path.join(scratch, f"{self.name}.weft.o")
        # `relocated` and `task` read the linker's relocations, kept in <k>.relocs.wasm (the same link).
        source = self.wasm[: -len(".wasm")] + ".relocs.wasm" if o.memory in ("relocated", "task") else self.wasm
        command = [o.weft, "compile", source, "-o", self.weft_object, "--memory", o.memory]
        if o.dead_stack:
            command.append("--assume-dead-stack")
        if os.path.isdir(o.rules):
            command += ["--rules", o.rules]
        for h in self.hot:
            command += ["--hot", h]
        command += o.weft_args
        self.command = command
        environment = dict(os.environ)
        if not o.random_hashing:
            environment["SWIFT_DETERMINISTIC_HASHING"] = "1"
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        if result.returncode != 0:
            raise Failure(f"{self.name}: weft compile failed (exit {result.returncode}): "
                          + (result.stderr.strip().splitlines() or ["no message"])[-1]
                          + "\n  command: " + " ".join(command))

    def objects(self):
        return {"weft": self.weft_object, **self.natives}

    def functions(self):
        """{compiler: {C name: (bytes, [symbols])}}."""
        out = {}
        for compiler, path in self.objects().items():
            table = {}
            for symbol, _, _, size in elf_functions(path):
                name = weft_name(symbol, self.names) if compiler == "weft" else base_name(symbol)
                bytes_, symbols = table.get(name, (0, []))
                table[name] = (bytes_ + size, symbols + [symbol])
            out[compiler] = table
        return out

    def absorbed(self, compiled):
        """{C name of a compiled function: [C names of the functions weft compiled into it]}:
        the direct callees (in the input Wasm) that have no weft symbol, through those
        callees' callees in turn; inlined, or removed (a call the optimizer proved dead)."""
        index = {n: k for k, n in self.names.items()}
        calls = wasm_direct_calls(open(self.wasm, "rb").read())
        out = {}
        for name in compiled:
            if name not in index:
                continue
            seen, work = set(), [index[name]]
            while work:
                for callee in calls.get(work.pop(), ()):
                    c = self.names.get(callee, f"#{callee}")
                    if callee in calls and c not in compiled and c not in seen:
                        seen.add(c)
                        work.append(callee)
            out[name] = sorted(seen)
        return out

    def rows(self):
        """Per function, largest gap first: {name, weft, clang, gcc, native (the smaller of
        clang and gcc, of those with a symbol), gap, absorbed (what weft compiled into it),
        credited (the smaller native with the absorbed functions' native bytes added),
        gap_credited, symbols}."""
        functions = self.functions()
        names = sorted(set().union(*functions.values()))
        absorbed = self.absorbed(set(functions["weft"]))
        rows = []
        for name in names:
            sizes = {c: functions[c].get(name, (None, []))[0] for c in ("weft", "clang", "gcc")}
            natives = [sizes[c] for c in ("clang", "gcc") if sizes[c] is not None]
            native = min(natives) if natives else 0
            inner = absorbed.get(name, [])
            credited = min([sizes[c] + sum(functions[c].get(a, (0, []))[0] for a in inner)
                            for c in ("clang", "gcc") if sizes[c] is not None] or [0])
            weft = sizes["weft"] or 0
            rows.append({"name": name, **sizes, "native": native, "gap": weft - native,
                         "absorbed": inner, "credited": credited, "gap_credited": weft - credited,
                         "symbols": {c: functions[c].get(name, (None, []))[1] for c in functions}})
        rows.sort(key=lambda r: (-r["gap"], r["name"]))
        return rows

    def totals(self):
        t = {c: text_bytes(p) for c, p in self.objects().items()}
        t["native"] = min(t["clang"], t["gcc"])
        t["smaller"] = "clang" if t["clang"] <= t["gcc"] else "gcc"
        return t

    def disassembly(self, objdump):
        """{compiler: {C name: [Insn]}} (gcc's clones of foo appended to foo, in order)."""
        out = {}
        for compiler, path in self.objects().items():
            table = {}
            for symbol, insns in disassemble(path, objdump).items():
                name = weft_name(symbol, self.names) if compiler == "weft" else base_name(symbol)
                table.setdefault(name, []).extend(insns)
            out[compiler] = table
        return out

    def stack_pointer_symbol(self):
        """weft's symbol for the Wasm global named __stack_pointer (None without one)."""
        for index, name in wasm_function_names(open(self.wasm, "rb").read(), subsection=7).items():
            if name == "__stack_pointer":
                return f"weft_global_{index}"
        return None

    def categories(self, objdump):
        """({compiler: {category: [instructions, bytes]}}, {compiler: {pattern: [count, bytes]}})
        over each whole object."""
        cats, patterns = {}, {}
        stack_pointer = self.stack_pointer_symbol()
        for compiler, table in self.disassembly(objdump).items():
            every = [i for insns in table.values() for i in insns]
            cats[compiler] = category_bytes(every)
            patterns[compiler] = pattern_counts(every, stack_pointer if compiler == "weft" else None)
        return cats, patterns


# ---------------------------------------------------------------- output

def fmt(v):
    return "-" if v is None else str(v)


def signed(v):
    return f"{v:+d}" if v else "0"


def shown_command(kernel):
    """weft's arguments, paths relative to the repository, the output as OUT.o."""
    args = list(kernel.command[1:])
    args[args.index("-o") + 1] = "OUT.o"
    return " ".join(os.path.relpath(a, REPO) if os.path.isabs(a) and a.startswith(REPO) else a for a in args)


def print_sizes(kernel, rows, totals, limit):
    print(f"== {kernel.name} (bench/{kernel.corpus}): weft {shown_command(kernel)}")
    width = max([len(r["name"]) for r in rows] + [24])
    print(f"{'function':{width}} {'weft':>6} {'clang':>6} {'gcc':>6} {'native':>6} {'gap':>6} {'+inl':>6} {'gap':>6}"
          "  weft symbol; functions weft compiled into it")
    shown = rows if limit is None else rows[:limit]
    for r in shown:
        symbol = ",".join(r["symbols"]["weft"]) if r["symbols"]["weft"] else "-"
        if symbol == r["name"]:
            symbol = ""
        inner = ""
        if r["absorbed"]:
            names = r["absorbed"] if len(r["absorbed"]) <= 4 else r["absorbed"][:3] + ["…"]
            inner = ("; " if symbol else "") + f"{len(r['absorbed'])}: " + ", ".join(names)
            credited = (f"{r['credited']:>6} {signed(r['gap_credited']):>6}")
        else:
            credited = f"{'':>6} {'':>6}"
        print(f"{r['name']:{width}} {fmt(r['weft']):>6} {fmt(r['clang']):>6} {fmt(r['gcc']):>6} "
              f"{r['native']:>6} {signed(r['gap']):>6} {credited}  {symbol}{inner}")
    if limit is not None and len(rows) > limit:
        print(f"... {len(rows) - limit} more functions")
    sums = {c: sum(r[c] or 0 for r in rows) for c in ("weft", "clang", "gcc")}
    print(f"{'sum of functions':{width}} {sums['weft']:>6} {sums['clang']:>6} {sums['gcc']:>6} "
          f"{min(sums['clang'], sums['gcc']):>6} {signed(sums['weft'] - min(sums['clang'], sums['gcc'])):>6}")
    print(f"{'.text':{width}} {totals['weft']:>6} {totals['clang']:>6} {totals['gcc']:>6} "
          f"{totals['native']:>6} {signed(totals['weft'] - totals['native']):>6}  "
          f"(weft / {totals['smaller']} = {totals['weft'] / totals['native']:.3f})")
    print()


def columns(blocks, width):
    """Lines of side-by-side text blocks, each cut or padded to width."""
    height = max(len(b) for b in blocks)
    lines = []
    for k in range(height):
        cells = [(b[k] if k < len(b) else "") for b in blocks]
        cells = [c if len(c) <= width else c[:width - 1] + "…" for c in cells]
        lines.append(" | ".join(c.ljust(width) for c in cells).rstrip())
    return lines


def print_disasm(kernel, function, objdump, width):
    table = kernel.disassembly(objdump)
    symbols = {c: {s for s in table[c]} for c in table}
    # FUNC may be a C name, a weft symbol (weft_fN) or a gcc clone's full name.
    name = weft_name(function, kernel.names)
    name = base_name(name)
    if not any(name in symbols[c] for c in symbols):
        known = sorted(set().union(*symbols.values()))
        raise Failure(f"{kernel.name}: no function {function}; functions: {', '.join(known)}")
    blocks, counts = [], {}
    sizes = kernel.functions()
    titles = {"weft": f"weft {kernel.options.memory}", "clang": "clang -Oz", "gcc": "gcc -Os"}
    for compiler in ("weft", "clang", "gcc"):
        insns = table[compiler].get(name)
        if insns is None:
            blocks.append([titles[compiler], "(no symbol: inlined, or not kept)"])
            continue
        size = sizes[compiler].get(name, (0, []))[0]
        padding = sum(i.size for i in insns) - size
        start = insns[0].address
        count = sum(1 for i in insns if not i.mnemonic.startswith("."))
        block = [f"{titles[compiler]}: {size} B, {count} insns" + (f" (+{padding} B padding)" if padding > 0 else "")]
        block += [f"{i.address - start:4x}: {i.text()}" for i in insns]
        counts[compiler] = category_bytes(insns)
        blocks.append(block)
    weft_symbol = [s for s, _, _, _ in elf_functions(kernel.weft_object) if weft_name(s, kernel.names) == name]
    print(f"== {kernel.name}: {name}" + (f" (weft: {', '.join(weft_symbol)})" if weft_symbol and weft_symbol != [name] else ""))
    inner = kernel.absorbed({weft_name(s, kernel.names) for s, _, _, _ in elf_functions(kernel.weft_object)}).get(name)
    if inner:
        print(f"weft compiled into it (inlined, or calls removed): {', '.join(inner)}")
    for line in columns(blocks, width):
        print(line)
    print()
    print(f"{'instructions (bytes)':20} " + " ".join(f"{c:>12}" for c in counts))
    for category in CATEGORY_NAMES:
        if any(counts[c][category][1] for c in counts):
            print(f"{category:20} " + " ".join(f"{f'{counts[c][category][0]} ({counts[c][category][1]})':>12}" for c in counts))


def print_categories(results):
    """results: [(kernel, totals, {compiler: {category: [n, bytes]}})]."""
    short = {"frame": "frame", "sp-access": "sp", "const-literal": "lit", "const-movw": "movw", "const-imm": "imm",
             "literal-pool": "pool", "move": "mov", "compare-branch": "cmpbr", "it": "it", "branch": "b",
             "call": "call", "return": "ret", "memory": "mem", "compute": "alu", "other": "other"}
    print("bytes of weft minus bytes of the smaller native (by .text), per kind of instruction:")
    print(f"{'kernel':10} {'native':>6} " + " ".join(f"{short[c]:>5}" for c in CATEGORY_NAMES) + f" {'total':>6}")
    sums = {c: {k: [0, 0] for k in CATEGORY_NAMES} for c in ("weft", "clang", "gcc", "native")}
    for kernel, totals, cats, _ in results:
        native = cats[totals["smaller"]]
        deltas = [cats["weft"][c][1] - native[c][1] for c in CATEGORY_NAMES]
        print(f"{kernel.name:10} {totals['smaller']:>6} " + " ".join(f"{d:>5}" for d in deltas) + f" {sum(deltas):>6}")
        for compiler in ("weft", "clang", "gcc"):
            for c in CATEGORY_NAMES:
                for k in (0, 1):
                    sums[compiler][c][k] += cats[compiler][c][k]
        for c in CATEGORY_NAMES:
            for k in (0, 1):
                sums["native"][c][k] += native[c][k]
    deltas = [sums["weft"][c][1] - sums["native"][c][1] for c in CATEGORY_NAMES]
    print(f"{'sum':10} {'':>6} " + " ".join(f"{d:>5}" for d in deltas) + f" {sum(deltas):>6}")
    print()
    print(f"summed over {len(results)} kernels: instructions (bytes) by kind")
    print(f"{'kind':15} {'weft':>12} {'clang':>12} {'gcc':>12} {'smaller':>12} {'weft-smaller':>13}")
    for c, _ in CATEGORIES:
        cells = [f"{sums[k][c][0]} ({sums[k][c][1]})" for k in ("weft", "clang", "gcc", "native")]
        print(f"{c:15} " + " ".join(f"{x:>12}" for x in cells) + f" {signed(sums['weft'][c][1] - sums['native'][c][1]):>13}")
    total = {k: sum(sums[k][c][1] for c in CATEGORY_NAMES) for k in sums}
    print(f"{'total bytes':15} " + " ".join(f"{total[k]:>12}" for k in ("weft", "clang", "gcc", "native"))
          + f" {signed(total['weft'] - total['native']):>13}")
    print()
    for c, meaning in CATEGORIES:
        print(f"  {c:15} {meaning}")
    print(f"  (smaller: per kernel the native with the smaller .text, its figures summed)")
    print()
    print(f"summed over {len(results)} kernels: instructions (bytes) of some patterns")
    print(f"{'pattern':22} {'weft':>12} {'clang':>12} {'gcc':>12}")
    pattern_sums = {c: {p: [sum(r[3][c][p][k] for r in results) for k in (0, 1)] for p, _ in PATTERNS}
                    for c in ("weft", "clang", "gcc")}
    for p, _ in PATTERNS:
        print(f"{p:22} " + " ".join(f"{f'{pattern_sums[c][p][0]} ({pattern_sums[c][p][1]})':>12}"
                                    for c in ("weft", "clang", "gcc")))
    print()
    for p, meaning in PATTERNS:
        print(f"  {p:22} {meaning}")
    print()
    return {"categories": sums, "patterns": pattern_sums}


# ---------------------------------------------------------------- self-test

SAMPLE_OBJDUMP = """
x.o:	file format elf32-littlearm

Disassembly of section .text:

00000000 <f>:
       0: b5b0         	push	{r4, r5, r7, lr}
       2: 4605         	mov	r5, r0
       4: f04f 30ff    	mov.w	r0, #0xffffffff
       8: b12c         	cbz	r4, 0x16 <f+0x16>   @ imm = #0xa
       a: f7ff fffe    	bl	0xa <f+0xa>       @ imm = #-0x4
			0000000a:  R_ARM_THM_CALL	g
       e: 2904         	cmp	r1, #0x4
      10: bf3c         	itt	lo
      12: 9801         	ldrlo	r0, [sp, #0x4]
      14: 4770         	bxlo	lr
      16: 4a06         	ldr	r2, [pc, #0x18]         @ 0x30 <f+0x30>
      18: f240 0000    	movw	r0, #0x0
      1c: e7f8         	b	0xa <f+0xa>         @ imm = #-0x10
      1e: bdb0         	pop	{r4, r5, r7, pc}
      20: 20 83 b8 ed  	.word	0xedb88320
"""


def self_test():
    insns = parse_objdump(SAMPLE_OBJDUMP)["f"]
    assert len(insns) == 14, len(insns)
    assert sum(i.size for i in insns) == 0x24
    assert insns[4].target == "g" and insns[4].text() == "bl g"
    got = [c for c, _ in classify(insns)]
    want = ["frame", "move", "const-imm", "compare-branch", "call", "compare-branch", "it", "sp-access",
            "return", "const-literal", "const-movw", "branch", "frame", "literal-pool"]
    assert got == want, got
    counts = category_bytes(insns)
    assert counts["literal-pool"] == [0, 4] and counts["frame"] == [2, 4], counts
    # A module with two imports' worth of names: (name (func 0 "a") (func 3 "crc32_byte")).
    names = bytes([1, 0x0E, 2, 0, 1, ord("a"), 3, 10]) + b"crc32_byte"
    custom = bytes([4]) + b"name" + names
    module = b"\0asm\1\0\0\0" + bytes([0, len(custom)]) + custom
    assert wasm_function_names(module) == {0: "a", 3: "crc32_byte"}, wasm_function_names(module)
    assert direct_callees(bytes([0, 0x10, 3, 0x41, 5, 0x1A, 0x12, 7, 0x0B])) == {3, 7}
    assert direct_callees(bytes([1, 2, 0x7F, 0x28, 2, 8, 0x11, 1, 0, 0x0B])) == set()  # i32.load, call_indirect
    assert weft_name("weft_f3", {3: "crc32_byte"}) == "crc32_byte"
    assert weft_name("weft_f4", {3: "crc32_byte"}) == "weft_f4"
    assert weft_name("weft_f32_min", {}) == "weft_f32_min"
    assert base_name("foo.constprop.0") == "foo" and base_name("foo.part.0") == "foo" and base_name("foo") == "foo"
    assert columns([["ab", "c"], ["defgh"]], 3) == ["ab  | de…", "c   |"]
    # The ELF reader on any object already built.
    built = [os.path.join(BUILD, k, k + ".gcc.o") for k, _, _ in listing.kernels()]
    built = [p for p in built if os.path.exists(p)]
    if built:
        functions = elf_functions(built[0])
        assert functions and all(size > 0 for _, _, _, size in functions), functions
        assert sum(size for _, _, _, size in functions) <= text_bytes(built[0])
    print("compare.py self-test: ok" + ("" if built else " (no build: ELF reader not exercised)"))


# ---------------------------------------------------------------- main

def main(argv):
    parser = argparse.ArgumentParser(
        description="Weft's Thumb-2 against clang -Oz and gcc -Os, function by function.",
        epilog="Examples: compare.py crc32 | compare.py --categories | compare.py json --disasm json_validate")
    parser.add_argument("kernels", nargs="*", metavar="KERNEL", help="kernels to compare (default: every built one)")
    parser.add_argument("--corpus", choices=listing.CORPORA, help="only the kernels of this corpus")
    parser.add_argument("--disasm", metavar="FUNC", help="the three disassemblies of FUNC side by side")
    parser.add_argument("--categories", action="store_true", help="bytes by kind of instruction, per kernel and summed")
    parser.add_argument("--memory", default="identity", choices=["identity", "base", "checked", "linked", "mpu", "relocated", "task"],
                        help="weft's memory model (default identity)")
    parser.add_argument("--live-stack", dest="dead_stack", action="store_false",
                        help="without --assume-dead-stack (on by default, as run.py)")
    parser.add_argument("--weft-arg", dest="weft_args", action="append", default=[], metavar="ARG",
                        help="one more argument for weft compile (repeatable), e.g. --weft-arg=--no-inline")
    parser.add_argument("--random-hashing", action="store_true",
                        help="run weft with Swift's per-process hash seeds (by default SWIFT_DETERMINISTIC_HASHING=1: "
                             "weft's output depends on hash order, see docs/size-gaps.md)")
    parser.add_argument("--sort", choices=["gap", "credited"], default="gap",
                        help="order of the rows: the gap to the smaller native (default), or the gap once the "
                             "natives are credited with the functions weft compiled into the row's (+inl)")
    parser.add_argument("--top", type=int, metavar="N", help="list only the N largest gaps of each kernel")
    parser.add_argument("--width", type=int, help="column width of --disasm (default: terminal width / 3)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE")
    parser.add_argument("--keep", metavar="DIR", help="keep weft's objects in DIR")
    parser.add_argument("--self-test", action="store_true", help="check the parsers and exit")
    options = parser.parse_args(argv)
    options.weft = os.path.abspath(os.environ.get("WEFT", DEFAULT_WEFT))
    options.rules = DEFAULT_RULES

    if options.self_test:
        self_test()
        return 0

    every = listing.kernels()
    twice = listing.duplicates(every)
    if twice:
        raise Failure("kernel names in both corpora: " + ", ".join(twice))
    known = {k: (k, c, d) for k, c, d in every}
    if options.kernels:
        unknown = [k for k in options.kernels if k not in known]
        if unknown:
            raise Failure(f"no kernel {', '.join(unknown)} (kernels: {', '.join(known)})")
        chosen = [known[k] for k in options.kernels]
    else:
        chosen = [t for t in every if os.path.exists(os.path.join(BUILD, t[0], t[0] + ".wasm"))]
        if not chosen:
            raise Failure("no kernel is built in bench/build: run `make bench-build` first")
        built = {t[0] for t in chosen}
        missing = [t[0] for t in every if t[0] not in built]
        if missing and not options.disasm:
            print(f"compare.py: not built, skipped: {', '.join(missing)} (`make bench-build`)", file=sys.stderr)
    if options.corpus:
        chosen = [t for t in chosen if t[1] == options.corpus]
    if not os.path.isfile(options.weft):
        raise Failure(f"weft not found at {options.weft}: `swift build -c release --product weft`, or set WEFT")
    objdump = objdump_path() if (options.disasm or options.categories) else None
    if options.disasm and len(chosen) != 1:
        chosen = [t for t in chosen if defines(t[0], options.disasm)]
        if len(chosen) != 1:
            raise Failure(f"--disasm {options.disasm}: " + (
                f"in {', '.join(t[0] for t in chosen)}: name one KERNEL" if chosen else "no built kernel has it"))

    kernels = [Kernel(k, c, d, options) for k, c, d in chosen]  # checks every build first
    record = {"memory": options.memory, "assume_dead_stack": options.dead_stack,
              "deterministic_hashing": not options.random_hashing,
              "weft_args": options.weft_args, "kernels": []}
    results, failed = [], []
    with tempfile.TemporaryDirectory() as scratch:
        where = os.path.abspath(options.keep) if options.keep else scratch
        os.makedirs(where, exist_ok=True)
        for kernel in kernels:
            try:
                kernel.compile(where)
            except Failure as e:
                print(f"compare.py: {e}", file=sys.stderr)
                failed.append(kernel.name)
                continue
            if options.disasm:
                print_disasm(kernel, options.disasm, objdump,
                             options.width or max(40, (shutil.get_terminal_size((150, 40)).columns - 6) // 3))
                return 0
            rows, totals = kernel.rows(), kernel.totals()
            if options.sort == "credited":
                rows.sort(key=lambda r: (-r["gap_credited"], r["name"]))
            entry = {"kernel": kernel.name, "corpus": kernel.corpus, "command": shown_command(kernel),
                     "text": totals, "functions": rows}
            if options.categories:
                cats, patterns = kernel.categories(objdump)
                entry["categories"], entry["patterns"] = cats, patterns
                results.append((kernel, totals, cats, patterns))
            else:
                print_sizes(kernel, rows, totals, options.top)
            record["kernels"].append(entry)
    if options.categories and results:
        record["category_sums"] = print_categories(results)
    if record["kernels"] and not options.categories:
        print_corpus_totals(record["kernels"])
    if options.json:
        json.dump(record, open(options.json, "w"), indent=1)
    if failed:
        print(f"compare.py: weft compile failed on {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def defines(kernel, function):
    """Whether a built kernel has FUNC: in its Wasm's name section or a native object."""
    out = os.path.join(BUILD, kernel)
    names = set(wasm_function_names(open(os.path.join(out, kernel + ".wasm"), "rb").read()).values())
    for compiler in ("clang", "gcc"):
        path = os.path.join(out, f"{kernel}.{compiler}.o")
        if os.path.exists(path):
            names |= {base_name(s) for s, _, _, _ in elf_functions(path)}
    return base_name(function) in names


def print_corpus_totals(entries):
    print(f"{'kernel':10} {'corpus':8} {'weft':>6} {'clang':>6} {'gcc':>6} {'native':>6} {'gap':>6} {'ratio':>6}")
    for corpus in listing.CORPORA:
        mine = [e for e in entries if e["corpus"] == corpus]
        for e in mine:
            t = e["text"]
            print(f"{e['kernel']:10} {corpus:8} {t['weft']:>6} {t['clang']:>6} {t['gcc']:>6} {t['native']:>6} "
                  f"{signed(t['weft'] - t['native']):>6} {t['weft'] / t['native']:>6.3f}")
        if len(mine) > 1:
            s = {k: sum(e["text"][k] for e in mine) for k in ("weft", "clang", "gcc", "native")}
            print(f"{'sum':10} {corpus:8} {s['weft']:>6} {s['clang']:>6} {s['gcc']:>6} {s['native']:>6} "
                  f"{signed(s['weft'] - s['native']):>6} {s['weft'] / s['native']:>6.3f}")


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `compare.py ... | head` ends quietly
    try:
        sys.exit(main(sys.argv[1:]))
    except Failure as e:
        sys.exit(f"compare.py: {e}")
