#!/usr/bin/env python3
"""Saturation throughput: e-nodes per second and rebuild time on large generated functions.

Generates a module of large pure i32 expression trees (deterministic, seeded), then runs
`weft optimize --stats` on it and, in the same run, `wasm-opt -Oz` on the same module as the
peer. Prints e-nodes, saturation seconds, e-nodes/s, rebuild share, and the time ratio
weft / wasm-opt; writes bench/results/saturation.json. See docs/benchmarks.md.

usage: saturation.py [--functions N] [--size NODES]
"""
import argparse
import json
import os
import random
import re
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WEFT = os.environ.get("WEFT", os.path.join(HERE, "..", ".build", "release", "weft"))

BINARY = ["i32.add", "i32.sub", "i32.mul", "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_u",
          "i32.eq", "i32.lt_u", "i32.ne"]
CONSTS = ["0", "1", "-1", "6", "8", "24", "255", "3", "16"]


def expression(rng, size):
    """A random expression with about `size` operators over params 0..3."""
    if size <= 0:
        r = rng.random()
        if r < 0.5:
            return "(local.get %d)" % rng.randrange(4)
        return "(i32.const %s)" % rng.choice(CONSTS)
    r = rng.random()
    if r < 0.08:
        return "(i32.rem_u %s (i32.const %s))" % (expression(rng, size - 1), rng.choice(["6", "8", "16"]))
    if r < 0.14:
        return "(i32.shr_s (i32.shl %s (i32.const 24)) (i32.const 24))" % expression(rng, size - 3)
    if r < 0.2:
        a = expression(rng, (size - 1) // 3)
        return "(select %s %s %s)" % (a, expression(rng, (size - 1) // 3), expression(rng, (size - 1) // 3))
    left = rng.randrange(size)
    return "(%s %s %s)" % (rng.choice(BINARY), expression(rng, left), expression(rng, size - 1 - left))


def module(functions, size, seed=1):
    rng = random.Random(seed)
    funcs = []
    for i in range(functions):
        funcs.append('  (func (export "f%d") (param i32 i32 i32 i32) (result i32)\n    %s)'
                     % (i, expression(rng, size)))
    return "(module\n%s)\n" % "\n".join(funcs)


def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(cmd), proc.stderr))
    return elapsed, proc.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--functions", type=int, default=40)
    parser.add_argument("--size", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wat = os.path.join(tmp, "gen.wat")
        wasm = os.path.join(tmp, "gen.wasm")
        with open(wat, "w") as f:
            f.write(module(args.functions, args.size))
        subprocess.run(["wat2wasm", wat, "-o", wasm], check=True)
        weft_time, stats = timed([WEFT, "optimize", wasm, "-o", os.path.join(tmp, "weft.wasm"), "--stats"])
        opt_time, _ = timed(["wasm-opt", "-Oz", wasm, "-o", os.path.join(tmp, "opt.wasm")])
        m = re.search(r"(\d+) iterations, (\d+) e-nodes, (\d+) e-classes, (?:\d+ work, )?([\d.]+) s \(search ([\d.]+), "
                      r"apply ([\d.]+), rebuild ([\d.]+)\)", stats)
        if not m:
            raise SystemExit("no saturation statistics in:\n" + stats)
        iterations, nodes, classes = int(m.group(1)), int(m.group(2)), int(m.group(3))
        seconds, search, apply_, rebuild = (float(m.group(i)) for i in range(4, 8))
        stops = re.search(r"stopped by (.*) \(functions\)", stats).group(1)
        sizes = [os.path.getsize(os.path.join(tmp, n)) for n in ("gen.wasm", "weft.wasm", "opt.wasm")]
    result = {
        "functions": args.functions, "operators per function": args.size,
        "iterations": iterations, "e-nodes": nodes, "e-classes": classes,
        "saturation s": seconds, "search s": search, "apply s": apply_, "rebuild s": rebuild,
        "e-nodes per s": round(nodes / seconds) if seconds else None,
        "stopped by": stops, "weft s": round(weft_time, 3), "wasm-opt s": round(opt_time, 3),
        "bytes in/weft/wasm-opt": sizes,
    }
    print("saturation benchmark: %d functions of %d operators" % (args.functions, args.size))
    print("  %d iterations, %d e-nodes, %d e-classes; stopped by %s" % (iterations, nodes, classes, stops))
    print("  saturation %.3f s (search %.3f, apply %.3f, rebuild %.3f = %.0f%%)"
          % (seconds, search, apply_, rebuild, 100 * rebuild / seconds if seconds else 0))
    print("  %s e-nodes/s" % result["e-nodes per s"])
    print("  whole run: weft %.3f s, wasm-opt -Oz %.3f s, ratio %.2f" % (weft_time, opt_time, weft_time / opt_time))
    print("  module bytes: input %d, weft %d, wasm-opt %d" % tuple(sizes))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "saturation.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
