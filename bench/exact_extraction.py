#!/usr/bin/env python3
"""What exact extraction wins (docs/benchmarks.md, "Exact extraction"): every kernel of both
bench corpora compiled by `weft compile` and optimized by `weft optimize`, and binaryen random
modules optimized, each once with `--exact none` (greedy extraction only) and once with
`--exact all` (every function also extracted exactly by Z3's optimizer, the smaller lowering
kept), side by side: bytes, bytes won, and CPU time.

usage: WEFT=.build/release/weft python3 bench/exact_extraction.py [--modules N] [--memory M] [-v] [OUT.json]

Kernels are `bench/build/K/` (`make bench-build`); `weft compile` runs as bench/compare.py
does (the kernel's hot exports, `--memory relocated --assume-dead-stack` by default; the
relocated model reads K.relocs.wasm). Random modules are optimize_sizes.py's (module n is
`wasm-opt -ttf --mvp-features` of 4,000 bytes from `random.Random(1000 + n)`, n = 1..N,
default 40). weft runs with SWIFT_DETERMINISTIC_HASHING=1. CPU time is the child processes'
user + system time.
"""
import json
import os
import re
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import kernels as listing  # noqa: E402
from optimize_sizes import code_bytes, random_module  # noqa: E402

WEFT = os.environ.get("WEFT", os.path.join(HERE, "..", ".build", "release", "weft"))
RULES = os.path.join(HERE, "..", "rules")
ENV = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
TEXT = re.compile(r"\.text (\d+) bytes")


def timed(command):
    """Runs `command`; its stderr and the CPU seconds it took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(command, capture_output=True, text=True, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"{' '.join(command)}: {r.stderr.strip()}")
    return r.stderr, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compile_text(name, folder, memory, exact, scratch):
    source = os.path.join(HERE, "build", name, name + (".relocs.wasm" if memory in ("relocated", "task") else ".wasm"))
    command = [WEFT, "compile", source, "-o", os.path.join(scratch, f"{name}.{exact}.o"), "--memory", memory,
               "--rules", RULES, "--stats", "--exact", exact]
    if memory != "checked":
        command.append("--assume-dead-stack")
    for h in json.load(open(os.path.join(folder, "kernel.json")))["hot"]:
        command += ["--hot", h]
    err, seconds = timed(command)
    return int(TEXT.search(err).group(1)), seconds


def optimize_code(path, exact, scratch):
    out = os.path.join(scratch, os.path.basename(path) + f".{exact}.wasm")
    _, seconds = timed([WEFT, "optimize", "--rules", RULES, path, "-o", out, "--exact", exact])
    return code_bytes(out), seconds


def report(title, rows, verbose):
    greedy, exact = sum(r[1] for r in rows), sum(r[2] for r in rows)
    tg, te = sum(r[3] for r in rows), sum(r[4] for r in rows)
    won = sum(1 for r in rows if r[2] < r[1])
    lost = sum(1 for r in rows if r[2] > r[1])
    if verbose:
        for k, a, b, ta, tb in rows:
            print(f"  {k:12} {a:7} {b:7} {a - b:+5}  {ta:6.2f} s {tb:6.2f} s")
    print(f"{title:18} {len(rows)} modules: greedy {greedy}, exact {exact}, {greedy - exact} bytes won "
          f"({(greedy - exact) / greedy * 100:.2f}%), smaller on {won}, larger on {lost}; "
          f"CPU {tg:.1f} s -> {te:.1f} s ({te / tg:.2f}x)")
    return {"greedy": greedy, "exact": exact, "rows": rows}


def main(argv):
    verbose = "-v" in argv
    count, memory = 40, "relocated"
    if "--modules" in argv:
        count = int(argv[argv.index("--modules") + 1])
    if "--memory" in argv:
        memory = argv[argv.index("--memory") + 1]
    rest = [a for k, a in enumerate(argv)
            if a != "-v" and a not in ("--modules", "--memory") and (k == 0 or argv[k - 1] not in ("--modules", "--memory"))]
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for corpus in listing.CORPORA:
            compiled, optimized = [], []
            for name, c, folder in listing.kernels():
                wasm = os.path.join(HERE, "build", name, name + ".wasm")
                if c != corpus or not os.path.exists(wasm):
                    continue
                (a, ta), (b, tb) = (compile_text(name, folder, memory, e, scratch) for e in ("none", "all"))
                compiled.append((name, a, b, ta, tb))
                (a, ta), (b, tb) = (optimize_code(wasm, e, scratch) for e in ("none", "all"))
                optimized.append((name, a, b, ta, tb))
            if compiled:
                results[f"{corpus} compile"] = report(f"{corpus} compile", compiled, verbose)
                results[f"{corpus} optimize"] = report(f"{corpus} optimize", optimized, verbose)
        rows = []
        for n in range(1, count + 1):
            module = random_module(scratch, n)
            (a, ta), (b, tb) = (optimize_code(module, e, scratch) for e in ("none", "all"))
            rows.append((f"m{n}", a, b, ta, tb))
        if rows:
            results["random optimize"] = report("random optimize", rows, verbose)
    if rest:
        with open(rest[0], "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
