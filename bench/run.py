#!/usr/bin/env python3
"""Measure Weft against its peers on the bench's two corpora (see docs/benchmarks.md).

The corpora are bench/corpus (small kernels) and bench/programs (firmware-sized programs),
listed by kernels.py. For every kernel built in bench/build (by `make -C bench build`) this
prints one row, corpus by corpus:
  Wasm code-section bytes  input (clang -Oz + wasm-ld), wasm-opt -Oz, weft optimize
  Thumb-2 .text bytes      clang -Oz, gcc -Os, weft compile
  calls in hot exports     input, wasm-opt, weft
  optimize wall time (ms)  wasm-opt, weft (best of 3, same run)
then a row of sums and the geometric means of the ratios for that corpus, and a table of
every hot function's own size (Wasm body bytes, Thumb-2 symbol bytes). It writes
bench/results/latest.json (both corpora), and bench/results/latest.svg (bench/corpus) and
latest-programs.svg (bench/programs). A stage that does not exist yet (or fails) shows `-`.
"""
import datetime
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import kernels as listing  # noqa: E402  (bench/kernels.py: the kernels of both corpora)

BUILD = os.path.join(HERE, "build")
RESULTS = os.path.join(HERE, "results")
WEFT = os.environ.get("WEFT", os.path.join(HERE, "..", ".build", "release", "weft"))
WASM_OPT_FLAGS = ["-Oz", "--enable-bulk-memory", "--enable-sign-ext", "--enable-mutable-globals",
                  "--enable-nontrapping-float-to-int", "--enable-multivalue", "--enable-reference-types"]


# ---------------------------------------------------------------- Wasm binary reading

def leb(data, i, signed=False):
    """Decode one LEB128 at data[i]; returns (value, next index)."""
    result = shift = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b & 0x80 == 0:
            if signed and b & 0x40:
                result -= 1 << shift
            return result, i


def sections(data):
    """(id, payload start, payload end) of every section."""
    i, out = 8, []
    while i < len(data):
        sid = data[i]
        size, j = leb(data, i + 1)
        out.append((sid, j, j + size))
        i = j + size
    return out


def skip_blocktype(data, i):
    b = data[i]
    if b == 0x40 or b in (0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F):
        return i + 1
    if b in (0x63, 0x64):
        return leb(data, i + 1, True)[1]
    return leb(data, i, True)[1]


# Opcodes whose immediates are: one u32 / two u32 / a memarg.
ONE_INDEX = {0x0C, 0x0D, 0x10, 0x12, 0x14, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x3F, 0x40, 0xD2, 0xD5, 0xD6}
TWO_INDEX = {0x11, 0x13}
MEMARG = set(range(0x28, 0x3F))
FC_IMMEDIATES = {8: 2, 9: 1, 10: 2, 11: 1, 12: 2, 13: 1, 14: 2, 15: 1, 16: 1, 17: 1}


def calls(body):
    """The call instructions of one function body, in order: (opcode, callee index or None).
    call (0x10) and return_call (0x12) name their callee; call_indirect (0x11) and call_ref
    (0x14) do not."""
    n, i = leb(body, 0)
    for _ in range(n):  # local declarations: a count and a value type
        _, i = leb(body, i)
        i += 1 if body[i] not in (0x63, 0x64) else 1 + (leb(body, i + 1, True)[1] - i - 1)
    while i < len(body):
        op = body[i]
        i += 1
        if op in (0x10, 0x12):
            callee, i = leb(body, i)
            yield op, callee
            continue
        if op in (0x11, 0x14):
            yield op, None
        if op in (0x02, 0x03, 0x04):
            i = skip_blocktype(body, i)
        elif op in ONE_INDEX:
            i = leb(body, i)[1]
        elif op in TWO_INDEX:
            i = leb(body, leb(body, i)[1])[1]
        elif op in MEMARG:
            align, i = leb(body, i)
            if align & 0x40:
                i = leb(body, i)[1]
            i = leb(body, i)[1]
        elif op == 0x0E:
            count, i = leb(body, i)
            for _ in range(count + 1):
                i = leb(body, i)[1]
        elif op == 0x1C:
            count, i = leb(body, i)
            i += count
        elif op in (0x41, 0x42, 0xD0):
            i = leb(body, i, True)[1]
        elif op == 0x43:
            i += 4
        elif op == 0x44:
            i += 8
        elif op == 0xFC:
            sub, i = leb(body, i)
            for _ in range(FC_IMMEDIATES.get(sub, 0)):
                i = leb(body, i)[1]
        elif op == 0xFD:
            raise ValueError("SIMD instructions: the call reader does not know them")


def count_calls(body):
    """Number of call / call_indirect / call_ref instructions in one function body."""
    return sum(1 for op, _ in calls(body) if op != 0x12)


def wasm_figures(path, hot):
    """Code-section payload bytes, calls left in the hot exports, and each hot export's body
    bytes (without its size prefix; None when it is not exported)."""
    data = open(path, "rb").read()
    imported_funcs, code, exports = 0, None, {}
    for sid, start, end in sections(data):
        if sid == 2:  # count function imports
            count, i = leb(data, start)
            for _ in range(count):
                for _ in range(2):
                    length, i = leb(data, i)
                    i += length
                kind = data[i]
                i += 1
                if kind == 0:
                    imported_funcs += 1
                    i = leb(data, i)[1]
                elif kind == 1:
                    i += 1
                    flags, i = leb(data, i + 0) if False else (data[i], i + 1)
                    i = leb(data, i)[1]
                    if flags & 1:
                        i = leb(data, i)[1]
                elif kind == 2:
                    flags, i = data[i], i + 1
                    i = leb(data, i)[1]
                    if flags & 1:
                        i = leb(data, i)[1]
                else:
                    i += 2
        elif sid == 7:
            count, i = leb(data, start)
            for _ in range(count):
                length, i = leb(data, i)
                name = data[i:i + length].decode()
                i += length
                kind = data[i]
                index, i = leb(data, i + 1)
                if kind == 0:
                    exports[name] = index
        elif sid == 10:
            code = (start, end)
    bodies = []
    if code:
        count, i = leb(data, code[0])
        for _ in range(count):
            size, i = leb(data, i)
            bodies.append(data[i:i + size])
            i += size
    def body(h):
        k = exports[h] - imported_funcs if h in exports else -1
        return bodies[k] if 0 <= k < len(bodies) else None
    calls = sum(count_calls(body(h)) for h in hot if body(h) is not None)
    sizes = {h: (len(body(h)) if body(h) is not None else None) for h in hot}
    return (code[1] - code[0]) if code else 0, calls, sizes


# ---------------------------------------------------------------- ELF reading

def text_bytes(path):
    """Sum of the sizes of the .text* sections of an ELF32 relocatable object."""
    data = open(path, "rb").read()
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2E)
    def header(k):
        return struct.unpack_from("<IIIIIIIIII", data, shoff + k * shentsize)
    strtab = header(shstrndx)
    total = 0
    for k in range(shnum):
        name_off, _, _, _, _, size, *_ = header(k)
        start = strtab[4] + name_off
        name = data[start:data.index(b"\0", start)].decode()
        if name == ".text" or name.startswith(".text."):
            total += size
    return total


def symbol_bytes(path, names):
    """Bytes of each named function symbol of an ELF32 object (None when missing): its
    st_size, or when that is 0 the distance to the next symbol of its section (or the end)."""
    data = open(path, "rb").read()
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, _ = struct.unpack_from("<HHH", data, 0x2E)
    def header(k):
        return struct.unpack_from("<IIIIIIIIII", data, shoff + k * shentsize)
    symbols = []  # (name, section, address, size)
    for k in range(shnum):
        _, kind, _, _, offset, size, link, _, _, entsize = header(k)
        if kind != 2:  # SHT_SYMTAB
            continue
        strings = header(link)[4]
        for i in range(size // (entsize or 16)):
            st_name, value, st_size, _, _, shndx = struct.unpack_from("<IIIBBH", data, offset + i * (entsize or 16))
            if st_name and 0 < shndx < 0xFF00:
                start = strings + st_name
                name = data[start:data.index(b"\0", start)].decode()
                if not name.startswith("$"):  # mapping symbols ($t, $d)
                    symbols.append((name, shndx, value & ~1, st_size))
    out = {}
    for name in names:
        found = [s for s in symbols if s[0] == name]
        if not found:
            out[name] = None
            continue
        _, section, address, size = found[0]
        if size == 0:
            later = [s[2] for s in symbols if s[1] == section and s[2] > address]
            size = (min(later) if later else header(section)[5]) - address
        out[name] = size
    return out


# ---------------------------------------------------------------- running the tools

def best_time(command):
    """Best wall time of three runs in milliseconds, or None when the command fails."""
    best = None
    for _ in range(3):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True)
        elapsed = (time.perf_counter() - start) * 1000
        if result.returncode != 0:
            return None
        best = elapsed if best is None else min(best, elapsed)
    return best


def version(command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return None


def geomean(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def fmt(v, digits=0):
    if v is None:
        return "-"
    return f"{v:.{digits}f}" if digits else str(int(round(v)))


def measure(kernel, corpus, folder, scratch):
    manifest = json.load(open(os.path.join(folder, "kernel.json")))
    hot, out = manifest["hot"], os.path.join(BUILD, kernel)
    wasm = os.path.join(out, kernel + ".wasm")
    row = {"kernel": kernel, "corpus": corpus, "hot": hot}
    functions = {}  # per stage: {hot function: bytes}
    row["wasm_input"], row["calls_input"], functions["wasm_input"] = wasm_figures(wasm, hot)
    row["wasm_wasmopt"], row["calls_wasmopt"], functions["wasm_wasmopt"] = wasm_figures(
        os.path.join(out, kernel + ".wasm-opt.wasm"), hot)
    row["time_wasmopt_ms"] = best_time(["wasm-opt", *WASM_OPT_FLAGS, wasm, "-o", os.path.join(scratch, "w.wasm")])
    weft_out = os.path.join(scratch, kernel + ".weft.wasm")
    row["time_weft_ms"] = best_time([WEFT, "optimize", wasm, "-o", weft_out]) if os.path.exists(WEFT) else None
    if row["time_weft_ms"] is not None:
        row["wasm_weft"], row["calls_weft"], functions["wasm_weft"] = wasm_figures(weft_out, hot)
    else:
        row["wasm_weft"] = row["calls_weft"] = None
    dead_out = os.path.join(scratch, kernel + ".weft-ds.wasm")
    if os.path.exists(WEFT) and subprocess.run([WEFT, "optimize", "--assume-dead-stack", wasm, "-o", dead_out]).returncode == 0:
        row["wasm_weft_ds"] = wasm_figures(dead_out, hot)[0]
    else:
        row["wasm_weft_ds"] = None
    row["text_clang"] = text_bytes(os.path.join(out, kernel + ".clang.o"))
    row["text_gcc"] = text_bytes(os.path.join(out, kernel + ".gcc.o"))
    functions["text_clang"] = symbol_bytes(os.path.join(out, kernel + ".clang.o"), hot)
    functions["text_gcc"] = symbol_bytes(os.path.join(out, kernel + ".gcc.o"), hot)
    # weft compile: the hot exports and what they reach, Wasm addresses physical (as native
    # code's are) and the shadow stack's dead frames dropped (native code has none).
    weft_o = os.path.join(scratch, kernel + ".weft.o")
    hots = [a for h in hot for a in ("--hot", h)]
    command = [WEFT, "compile", wasm, "-o", weft_o, "--memory", "identity", "--assume-dead-stack", *hots]
    if os.path.exists(WEFT) and subprocess.run(command).returncode == 0:
        row["text_weft"] = text_bytes(weft_o)
        functions["text_weft"] = symbol_bytes(weft_o, hot)
    else:
        row["text_weft"] = None
    # {hot function: {stage: bytes}}, stages as the row's columns.
    row["functions"] = {h: {stage: functions[stage].get(h) if stage in functions else None for stage in FUNCTION_STAGES}
                        for h in hot}
    return row


COLUMNS = [
    ("kernel", "kernel", 10), ("wasm_input", "in", 6), ("wasm_wasmopt", "w-opt", 6), ("wasm_weft", "weft", 6),
    ("wasm_weft_ds", "w-ds", 6), ("text_clang", "clang", 6), ("text_gcc", "gcc", 6), ("text_weft", "weft", 6),
    ("calls_input", "in", 4), ("calls_wasmopt", "w-opt", 5), ("calls_weft", "weft", 5),
    ("time_wasmopt_ms", "w-opt", 7), ("time_weft_ms", "weft", 7),
]


FUNCTION_STAGES = ["wasm_input", "wasm_wasmopt", "wasm_weft", "text_clang", "text_gcc", "text_weft"]


def print_table(title, rows, sums, means):
    print(title)
    print(f"{'':10} | {'Wasm code bytes':^27} | {'Thumb-2 .text bytes':^20} | {'calls in hot':^16} | {'optimize ms':^15}")
    print(" ".join(f"{title:>{w}}" for _, title, w in COLUMNS))
    for r in rows + [dict(sums, kernel="sum")]:
        print(" ".join((r["kernel"].ljust(w) if k == "kernel" else f"{fmt(r[k]):>{w}}") for k, _, w in COLUMNS))
    print()
    print("geometric means of ratios:")
    for name, value in means.items():
        print(f"  {name:28} {fmt(value, 3)}")
    print()
    print(f"{'hot functions':32} | {'Wasm body bytes':^20} | {'Thumb-2 symbol bytes':^20}")
    print(f"{'kernel':10} {'function':21} " + " ".join(f"{t:>6}" for t in ["in", "w-opt", "weft", "clang", "gcc", "weft"]))
    for r in rows:
        for h, sizes in r["functions"].items():
            print(f"{r['kernel']:10} {h:21} " + " ".join(f"{fmt(sizes[s]):>6}" for s in FUNCTION_STAGES))
    print()


def sums_of(rows):
    """Column sums over the rows; None for a column some row lacks."""
    keys = [k for k, _, _ in COLUMNS if k != "kernel"]
    return {k: (sum(r[k] for r in rows) if rows and all(r[k] is not None for r in rows) else None) for k in keys}


def means_of(rows):
    def ratio(a, b):
        return [r[a] / r[b] if r[a] is not None and r[b] else None for r in rows]
    return {
        "weft / input (Wasm)": geomean(ratio("wasm_weft", "wasm_input")),
        "weft / wasm-opt (Wasm)": geomean(ratio("wasm_weft", "wasm_wasmopt")),
        "weft -ds / wasm-opt (Wasm)": geomean(ratio("wasm_weft_ds", "wasm_wasmopt")),
        "wasm-opt / input (Wasm)": geomean(ratio("wasm_wasmopt", "wasm_input")),
        "clang / gcc (Thumb-2)": geomean(ratio("text_clang", "text_gcc")),
        "weft / clang (Thumb-2)": geomean(ratio("text_weft", "text_clang")),
        "weft / gcc (Thumb-2)": geomean(ratio("text_weft", "text_gcc")),
        "weft / smaller native": geomean([
            r["text_weft"] / min(r["text_clang"], r["text_gcc"])
            if r["text_weft"] is not None and r["text_clang"] and r["text_gcc"] else None for r in rows]),
        "weft / wasm-opt (time)": geomean(ratio("time_weft_ms", "time_wasmopt_ms")),
    }


def svg_chart(rows, path, title="Weft bench: bytes per kernel (smaller is better)"):
    """Two panels of grouped bars per kernel: Wasm code bytes and Thumb-2 .text bytes."""
    panels = [("Wasm code-section bytes", [("wasm_input", "input (clang -Oz)", "#9aa5b1"),
                                           ("wasm_wasmopt", "wasm-opt -Oz", "#4a90d9"),
                                           ("wasm_weft", "weft", "#e8743b")]),
              ("Thumb-2 .text bytes", [("text_clang", "clang -Oz", "#4a90d9"),
                                       ("text_gcc", "gcc -Os", "#6abf69"),
                                       ("text_weft", "weft", "#e8743b")])]
    group_w, bar_w, left, top, panel_h, gap = 64, 18, 60, 50, 220, 90
    width = left + group_w * len(rows) + 200
    height = top + len(panels) * (panel_h + gap)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="24" font-size="16" font-weight="bold">{title}</text>']
    for p, (title, series) in enumerate(panels):
        y0 = top + p * (panel_h + gap)
        base = y0 + panel_h
        peak = max([r[k] or 0 for r in rows for k, _, _ in series] + [1])
        out.append(f'<text x="{left}" y="{y0 - 8}" font-size="13" font-weight="bold">{title}</text>')
        out.append(f'<line x1="{left}" y1="{base}" x2="{left + group_w * len(rows)}" y2="{base}" stroke="#333"/>')
        for tick in range(0, 5):
            v = peak * tick / 4
            y = base - panel_h * tick / 4
            out.append(f'<line x1="{left - 4}" y1="{y:.1f}" x2="{left + group_w * len(rows)}" y2="{y:.1f}" stroke="#eee"/>')
            out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{int(v)}</text>')
        for g, r in enumerate(rows):
            gx = left + g * group_w + 5
            for s, (key, _, color) in enumerate(series):
                v = r[key]
                x = gx + s * bar_w
                if v is None:
                    out.append(f'<text x="{x + bar_w / 2:.1f}" y="{base - 4}" text-anchor="middle" fill="#999">-</text>')
                    continue
                h = panel_h * v / peak
                out.append(f'<rect x="{x}" y="{base - h:.1f}" width="{bar_w - 2}" height="{h:.1f}" fill="{color}"><title>{r["kernel"]}: {v}</title></rect>')
            out.append(f'<text x="{gx + bar_w * 1.5:.1f}" y="{base + 14}" text-anchor="middle">{r["kernel"]}</text>')
        lx = left + group_w * len(rows) + 20
        for s, (_, label, color) in enumerate(series):
            out.append(f'<rect x="{lx}" y="{y0 + s * 18}" width="12" height="12" fill="{color}"/>')
            out.append(f'<text x="{lx + 18}" y="{y0 + s * 18 + 10}">{label}</text>')
    out.append("</svg>")
    open(path, "w").write("\n".join(out) + "\n")


def main():
    built = [(k, c, d) for k, c, d in listing.kernels() if os.path.exists(os.path.join(BUILD, k, k + ".wasm"))]
    if not built:
        sys.exit("no kernels built: run `make -C bench build` first")
    twice = listing.duplicates(listing.kernels())
    if twice:
        sys.exit("kernel names in both corpora: " + ", ".join(twice))
    with tempfile.TemporaryDirectory() as scratch:
        rows = [measure(k, c, d, scratch) for k, c, d in built]
    corpora = {}
    for corpus in listing.CORPORA:
        mine = [r for r in rows if r["corpus"] == corpus]
        if not mine:
            continue
        corpora[corpus] = {"kernels": len(mine), "sums": sums_of(mine), "geomeans": means_of(mine)}
        print_table(f"bench/{corpus}: {len(mine)} kernels", mine, corpora[corpus]["sums"], corpora[corpus]["geomeans"])
    os.makedirs(RESULTS, exist_ok=True)
    result = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": "make bench",
        "tools": {"weft": version([WEFT, "--version"]), "wasm-opt": version(["wasm-opt", "--version"]),
                  "clang": version([os.path.join(os.path.dirname(WEFT), "..", "..", "..", "clang"), "--version"]) or version(["clang", "--version"]),
                  "gcc": version(["arm-none-eabi-gcc", "--version"])},
        "rows": rows,
        "corpora": corpora,
    }
    json.dump(result, open(os.path.join(RESULTS, "latest.json"), "w"), indent=1)
    charts = {"corpus": ("latest.svg", "Weft bench: bytes per kernel (smaller is better)"),
              "programs": ("latest-programs.svg", "Weft bench programs: bytes per program (smaller is better)")}
    written = ["latest.json"]
    for corpus, (name, title) in charts.items():
        mine = [r for r in rows if r["corpus"] == corpus]
        if mine:
            svg_chart(mine, os.path.join(RESULTS, name), title)
            written.append(name)
    print(f"wrote {', '.join(written)} in {os.path.relpath(RESULTS)}")


if __name__ == "__main__":
    main()
