#!/usr/bin/env python3
"""CPU time of `weft optimize` against `wasm-opt -Oz` in the same run, as issue K's done-when
counts it: every kernel of both bench corpora and binaryen random modules, and `weft compile`
of the largest corpus program (docs/benchmarks.md, "Speed").

usage: WEFT=.build/release/weft python3 bench/speed.py [--modules N] [--runs R] [--jobs J] [-v] [OUT.json]

Each module is optimized by both tools R times (default 3), the runs of the two interleaved so
that load from elsewhere falls on both; a run's CPU time is the user + system time the kernel
charges the child (`resource.getrusage`), and each tool's time is the least of its runs. weft
runs with `--jobs J` (default 1: one core, as wasm-opt's -Oz on a small module uses one) and
SWIFT_DETERMINISTIC_HASHING=1. The kernels are `bench/build/K/K.wasm` (`make bench-build`);
the random modules are `bench/optimize_sizes.py`'s (module n from `random.Random(1000 + n)`,
default 40). Prints per set the summed times and the geometric mean of weft / wasm-opt, then
the compile time (`weft compile --jobs J`, the least of R runs) of the program with the
largest code section. `-v` prints every module.
"""
import json
import math
import os
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


def cpu(command, env=None):
    """The user + system CPU seconds `command` took; exits on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(command, capture_output=True, text=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"{' '.join(command)}: {r.stderr.strip()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def option(argv, name, default):
    return int(argv[argv.index(name) + 1]) if name in argv else default


def main(argv):
    verbose = "-v" in argv
    count, runs, jobs = option(argv, "--modules", 40), option(argv, "--runs", 3), option(argv, "--jobs", 1)
    valued = {"--modules", "--runs", "--jobs"}
    rest = [a for k, a in enumerate(argv) if a != "-v" and a not in valued and (k == 0 or argv[k - 1] not in valued)]
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    sets = {corpus: [] for corpus in listing.CORPORA}
    largest = None
    for name, corpus, _ in listing.kernels():
        path = os.path.join(HERE, "build", name, name + ".wasm")
        if os.path.exists(path):
            sets[corpus].append((name, path))
            if largest is None or code_bytes(path) > code_bytes(largest[1]):
                largest = (name, path)
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        sets["random"] = [(f"m{n}", random_module(scratch, n)) for n in range(1, count + 1)]
        out = os.path.join(scratch, "out.wasm")
        for set_name, modules in sets.items():
            rows = []
            for name, path in modules:
                ours, theirs = [], []
                for _ in range(runs):
                    ours.append(cpu([WEFT, "optimize", "--rules", RULES, "--jobs", str(jobs), path, "-o", out], env))
                    theirs.append(cpu(["wasm-opt", "-Oz", "--mvp-features", path, "-o", out]))
                rows.append((name, code_bytes(path), min(ours), min(theirs)))
                if verbose:
                    a, b = min(ours), min(theirs)
                    print(f"  {name:12} {code_bytes(path):7} B  weft {a:7.3f} s  wasm-opt {b:7.3f} s  {a / b:6.2f}")
            results[set_name] = rows
        compile_time = None
        if largest:
            obj = os.path.join(scratch, "out.o")
            compile_time = min(
                cpu([WEFT, "compile", "--rules", RULES, "--jobs", str(jobs), largest[1], "-o", obj], env)
                for _ in range(runs))
    for set_name, rows in results.items():
        if not rows:
            continue
        ours, theirs = sum(r[2] for r in rows), sum(r[3] for r in rows)
        geomean = math.exp(sum(math.log(a / b) for _, _, a, b in rows) / len(rows))
        print(f"{set_name:9} {len(rows)} modules: weft {ours:.3f} s, wasm-opt {theirs:.3f} s, "
              f"geomean weft / wasm-opt {geomean:.3f}")
    if compile_time is not None:
        print(f"compile   {largest[0]} ({code_bytes(largest[1])} B of code): weft compile {compile_time:.3f} s")
    if rest:
        with open(rest[0], "w") as f:
            json.dump({"sets": results, "compile": [largest[0], compile_time] if largest else None}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
