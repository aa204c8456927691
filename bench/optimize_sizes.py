#!/usr/bin/env python3
"""Code-section bytes of `weft optimize` beside `wasm-opt -Oz`: every kernel of both bench
corpora and binaryen random modules (docs/benchmarks.md, "weft optimize against wasm-opt").

usage: WEFT=.build/release/weft python3 bench/optimize_sizes.py [--modules N] [-v] [OUT.json]

The kernels are `bench/build/K/K.wasm` (built by `make bench-build`) against the
`K.wasm-opt.wasm` built beside them. The random modules are made here, the same on every
machine: module n is `wasm-opt -ttf --mvp-features` of 4,000 bytes from Python's
`random.Random(1000 + n)`, n = 1..N (default 40), each also run through `wasm-opt -Oz
--mvp-features`. weft runs with SWIFT_DETERMINISTIC_HASHING=1 and no further flags. Prints per
set the sums and the geometric mean of weft / wasm-opt (`-v`: every module).
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import kernels as listing  # noqa: E402
from run import sections  # noqa: E402

WEFT = os.environ.get("WEFT", os.path.join(HERE, "..", ".build", "release", "weft"))
RULES = os.path.join(HERE, "..", "rules")


def code_bytes(path):
    data = open(path, "rb").read()
    return next((end - start for sid, start, end in sections(data) if sid == 10), 0)


def random_module(scratch, n):
    """Random module n (1, 2, ...): `wasm-opt -ttf --mvp-features` of 4,000 bytes from
    `random.Random(1000 + n)`, written into `scratch`; its path."""
    seed = os.path.join(scratch, f"seed{n}.bin")
    with open(seed, "wb") as f:
        f.write(bytes(random.Random(1000 + n).getrandbits(8) for _ in range(4000)))
    module = os.path.join(scratch, f"m{n}.wasm")
    subprocess.run(["wasm-opt", "-ttf", "--mvp-features", seed, "-o", module], check=True, capture_output=True)
    return module


def weft(path, out, env):
    r = subprocess.run([WEFT, "optimize", "--rules", RULES, path, "-o", out], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f"weft optimize {path}: {r.stderr.strip()}")
    return code_bytes(out)


def main(argv):
    verbose = "-v" in argv
    count = 40
    if "--modules" in argv:
        count = int(argv[argv.index("--modules") + 1])
    rest = [a for k, a in enumerate(argv) if a != "-v" and a != "--modules" and (k == 0 or argv[k - 1] != "--modules")]
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for corpus in listing.CORPORA:
            rows = []
            for name, c, _ in listing.kernels():
                folder = os.path.join(HERE, "build", name)
                if c != corpus or not os.path.exists(os.path.join(folder, name + ".wasm")):
                    continue
                ours = weft(os.path.join(folder, name + ".wasm"), os.path.join(scratch, name + ".wasm"), env)
                rows.append((name, ours, code_bytes(os.path.join(folder, name + ".wasm-opt.wasm"))))
            results[corpus] = rows
        rows = []
        for n in range(1, count + 1):
            module = random_module(scratch, n)
            theirs = os.path.join(scratch, f"m{n}.wasm-opt.wasm")
            subprocess.run(["wasm-opt", "-Oz", "--mvp-features", module, "-o", theirs], check=True, capture_output=True)
            rows.append((f"m{n}", weft(module, os.path.join(scratch, f"m{n}.weft.wasm"), env), code_bytes(theirs)))
        results["random"] = rows
    for name, rows in results.items():
        if not rows:
            continue
        if verbose:
            for k, a, b in rows:
                print(f"  {k:12} {a:7} {b:7} {a / b:.3f}")
        ours, theirs = sum(r[1] for r in rows), sum(r[2] for r in rows)
        geomean = math.exp(sum(math.log(a / b) for _, a, b in rows) / len(rows))
        smaller = sum(1 for _, a, b in rows if a <= b)
        print(f"{name:9} {len(rows)} modules: weft {ours}, wasm-opt {theirs}, geomean weft / wasm-opt {geomean:.4f}, "
              f"weft at or under wasm-opt on {smaller}")
    if rest:
        with open(rest[0], "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
