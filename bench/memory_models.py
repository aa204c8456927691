#!/usr/bin/env python3
"""`.text` bytes of every kernel of both corpora under each `weft compile --memory` model, beside
clang -Oz and gcc -Os (docs/benchmarks.md, "Memory models").

usage: WEFT=.build/release/weft python3 bench/memory_models.py [OUT.json]

Each kernel's whole module (`bench/build/K/K.wasm`, built by `make bench-build`) is compiled
once per model: identity, linked, mpu, relocated and task (these two from `K.relocs.wasm`, the
same link with the linker's relocations) with --assume-dead-stack (as the bench measures identity), base and
checked without, and linked without it too (`linked_plain`). `.text` is summed as
bench/run.py sums it. weft runs with SWIFT_DETERMINISTIC_HASHING=1: one program's output
depends on the hash seed (docs/size-gaps.md). Prints a row per kernel, then per corpus the sums
and the geometric means of the ratios to clang, gcc, the smaller of the two per kernel
(`native`) and identity.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import kernels as listing  # noqa: E402
from run import text_bytes  # noqa: E402

WEFT = os.environ.get("WEFT", os.path.join(HERE, "..", ".build", "release", "weft"))
BUILD = os.path.join(HERE, "build")
MODELS = [
    ("identity", ["--memory", "identity", "--assume-dead-stack"]),
    ("base", ["--memory", "base"]),
    ("checked", ["--memory", "checked"]),
    ("linked", ["--memory", "linked", "--assume-dead-stack"]),
    ("linked_plain", ["--memory", "linked"]),
    ("mpu", ["--memory", "mpu", "--assume-dead-stack"]),
    ("relocated", ["--memory", "relocated", "--assume-dead-stack"]),
    ("task", ["--memory", "task", "--assume-dead-stack"]),
]
COLUMNS = [m for m, _ in MODELS] + ["clang", "gcc"]


def main(argv):
    out = argv[0] if argv else None
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, corpus, _ in listing.kernels():
            folder = os.path.join(BUILD, name)
            row = {"kernel": name, "corpus": corpus,
                   "clang": text_bytes(os.path.join(folder, name + ".clang.o")),
                   "gcc": text_bytes(os.path.join(folder, name + ".gcc.o"))}
            for model, flags in MODELS:
                o = os.path.join(scratch, f"{name}.{model}.o")
                # `relocated` and `task` read the linker's relocations, kept in <k>.relocs.wasm.
                source = name + (".relocs.wasm" if model in ("relocated", "task") else ".wasm")
                r = subprocess.run([WEFT, "compile", os.path.join(folder, source), "-o", o, *flags,
                                    "--stats"], capture_output=True, text=True, env=env)
                if r.returncode != 0:
                    sys.exit(f"{name} ({model}): {r.stderr.strip()}")
                row[model] = text_bytes(o)
                if model == "linked":
                    row["reserve"] = next((line for line in r.stderr.splitlines()
                                           if line.startswith("linear memory")), "")
            rows.append(row)
            print(" ".join(f"{c}={row[c]}" for c in ["kernel"] + COLUMNS), flush=True)
    for corpus in listing.CORPORA:
        rs = [r for r in rows if r["corpus"] == corpus]
        if not rs:
            continue
        print(f"\n{corpus}: sums " + " ".join(f"{c}={sum(r[c] for r in rs)}" for c in COLUMNS))
        for ref in ("clang", "gcc", "native", "identity"):
            def base(r):
                return min(r["clang"], r["gcc"]) if ref == "native" else r[ref]
            means = (f"{c}={math.exp(sum(math.log(r[c] / base(r)) for r in rs) / len(rs)):.3f}" for c in COLUMNS)
            print(f"  geomean / {ref}: " + " ".join(means))
    if out:
        with open(out, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
