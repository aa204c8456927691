#!/usr/bin/env python3
"""How `weft optimize` scales with the size of its input, against `wasm-opt -Oz` in the same run.

Four families of modules, each generated (deterministic, seeded) at growing code sizes:

  straight  one function per 200 statements of independent arithmetic on locals and memory
  chain     one function whose value runs through a single chain of operators (a local
            rewritten N times: one long dependence)
  loops     functions of loops nested three deep, each body a few loads, stores and adds
  random    binaryen's random modules (`wasm-opt -ttf`, MVP features) of growing input size

For each module both tools run once; the CPU time (user + system), the wall time and the peak
resident memory of each come from the kernel (`/usr/bin/time`). Both use every core by default
(weft: `--jobs`, wasm-opt: its own threads); `--jobs N` passes N to weft. Prints per family
and size the code bytes, the CPU times, their ratio, the wall times and the peak memories; then per family the log-log slope of
time against code size (least squares: 1.0 is linear) for both tools. Writes the families
it ran into bench/results/scaling.json (the others' figures stay). See docs/benchmarks.md.

usage: scaling.py [--max-kb N] [--families straight,chain,loops,random] [--jobs N]
"""
import argparse
import json
import math
import os
import random
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WEFT = os.environ.get("WEFT", os.path.join(HERE, "..", ".build", "release", "weft"))
RULES = os.path.join(HERE, "..", "rules")
SIZES_KB = [1, 4, 16, 64, 256, 1024]


def straight(n, rng):
    """`n` statements, 200 to a function."""
    funcs = []
    for f in range(0, max(1, n // 200)):
        body = []
        for i in range(200):
            a, b = rng.randrange(6), rng.randrange(6)
            op = rng.choice(["i32.add", "i32.sub", "i32.xor", "i32.mul", "i32.and"])
            if i % 4 == 3:
                body.append("(i32.store offset=%d (i32.const 0) (local.get %d))" % (4 * rng.randrange(64), a))
            else:
                body.append("(local.set %d (%s (local.get %d) (i32.add (local.get %d) (i32.const %d))))"
                            % (rng.randrange(2, 6), op, a, b, rng.randrange(100)))
        funcs.append('(func (export "s%d") (param i32 i32) (result i32) (local i32 i32 i32 i32)\n  %s\n  (local.get 2))'
                     % (f, "\n  ".join(body)))
    return "(module (memory 1)\n%s)\n" % "\n".join(funcs)


def chain(n, rng):
    """One function: a local rewritten `n` times, each from its previous value."""
    body = []
    for i in range(n):
        op = rng.choice(["i32.add", "i32.xor", "i32.mul", "i32.sub", "i32.rotl"])
        body.append("(local.set 1 (%s (local.get 1) (i32.const %d)))" % (op, rng.randrange(1, 1000)))
    return '(module (func (export "chain") (param i32) (result i32) (local i32)\n  (local.set 1 (local.get 0))\n  %s\n  (local.get 1)))\n' % "\n  ".join(body)


def loops(n, rng):
    """`n` loop nests three deep, 20 to a function, over memory."""
    funcs = []
    for f in range(0, max(1, n // 20)):
        nests = []
        for k in range(20):
            off = 4 * rng.randrange(256)
            nests.append("""(local.set 1 (i32.const 0))
  (loop $a (local.set 2 (i32.const 0))
    (loop $b (local.set 3 (i32.const 0))
      (loop $c
        (i32.store offset=%d (i32.shl (i32.and (i32.add (local.get 1) (local.get 3)) (i32.const 63)) (i32.const 2))
          (i32.add (i32.load offset=%d (i32.shl (i32.and (local.get 2) (i32.const 63)) (i32.const 2))) (local.get %d)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $c (i32.lt_u (local.get 3) (local.get 0))))
      (local.set 2 (i32.add (local.get 2) (i32.const 1)))
      (br_if $b (i32.lt_u (local.get 2) (i32.const %d))))
    (local.set 1 (i32.add (local.get 1) (i32.const 1)))
    (br_if $a (i32.lt_u (local.get 1) (i32.const %d))))""" % (off, off, rng.randrange(4), 2 + k % 5, 2 + k % 3))
        funcs.append('(func (export "l%d") (param i32) (result i32) (local i32 i32 i32)\n  %s\n  (local.get 1))'
                     % (f, "\n  ".join(nests)))
    return "(module (memory 1)\n%s)\n" % "\n".join(funcs)


def code_bytes(path):
    """The code section's size (section id 10)."""
    data = open(path, "rb").read()
    i = 8
    while i < len(data):
        sid = data[i]
        i += 1
        size, shift = 0, 0
        while True:
            b = data[i]
            i += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        if sid == 10:
            return size
        i += size
    return 0


def measured(cmd):
    """CPU seconds (user + system), wall seconds and peak resident KiB of `cmd`."""
    proc = subprocess.run(["/usr/bin/time", "-f", "%U %S %e %M"] + cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(cmd), proc.stderr[-2000:]))
    user, system, wall, rss = proc.stderr.strip().splitlines()[-1].split()
    return float(user) + float(system), float(wall), int(rss)


def build(family, target, tmp):
    """A module of `family` whose code section is about `target` bytes (grown until it is)."""
    path = os.path.join(tmp, "%s-%d.wasm" % (family, target))
    if family == "random":
        seed = os.path.join(tmp, "seed-%d" % target)
        n = max(64, target // 2)
        for _ in range(12):
            with open(seed, "wb") as f:
                f.write(random.Random(target).randbytes(n))
            subprocess.run(["wasm-opt", seed, "-ttf", "--mvp-features", "-o", path], check=True,
                           capture_output=True)
            if code_bytes(path) >= target:
                break
            n *= 2
        return path
    make = {"straight": straight, "chain": chain, "loops": loops}[family]
    per = {"straight": 12, "chain": 6, "loops": 60}[family]  # rough bytes per unit
    n = max(1, target // per)
    wat = os.path.join(tmp, "m.wat")
    for _ in range(8):
        with open(wat, "w") as f:
            f.write(make(n, random.Random(7)))
        subprocess.run(["wat2wasm", wat, "-o", path], check=True)
        size = code_bytes(path)
        if size >= 0.8 * target:
            break
        n = int(n * target / max(size, 1)) + 1
    return path


def slope(points):
    """Least-squares slope of log(time) against log(bytes)."""
    pts = [(math.log(b), math.log(t)) for b, t in points if t > 0 and b > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-kb", type=int, default=256, help="largest code size (KiB), up to 1024")
    parser.add_argument("--families", default="straight,chain,loops,random")
    parser.add_argument("--jobs", type=int, help="weft's --jobs (default: one per core)")
    args = parser.parse_args()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    sizes = [s for s in SIZES_KB if s <= args.max_kb]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for family in args.families.split(","):
            rows = []
            for kb in sizes:
                path = build(family, kb * 1024, tmp)
                code = code_bytes(path)
                weft_s, weft_wall, weft_kb = measured([WEFT, "optimize", path, "-o", os.path.join(tmp, "w.wasm"),
                                                       "--rules", RULES] + jobs)
                opt_s, opt_wall, opt_kb = measured(["wasm-opt", "-Oz", path, "-o", os.path.join(tmp, "o.wasm")])
                row = {"code bytes": code, "weft s": weft_s, "wasm-opt s": opt_s,
                       "ratio": round(weft_s / opt_s, 2) if opt_s > 0 else None,
                       "weft wall s": weft_wall, "wasm-opt wall s": opt_wall,
                       "weft peak KiB": weft_kb, "wasm-opt peak KiB": opt_kb,
                       "weft bytes": code_bytes(os.path.join(tmp, "w.wasm")),
                       "wasm-opt bytes": code_bytes(os.path.join(tmp, "o.wasm"))}
                rows.append(row)
                print("%-8s %8d B  weft %7.2f s (wall %6.2f) %7d KiB  wasm-opt %6.2f s (wall %5.2f) %7d KiB"
                      "  ratio %s  out %d / %d"
                      % (family, code, weft_s, weft_wall, weft_kb, opt_s, opt_wall, opt_kb, row["ratio"],
                         row["weft bytes"], row["wasm-opt bytes"]), flush=True)
            w = slope([(r["code bytes"], r["weft s"]) for r in rows if r["weft s"] >= 0.05])
            o = slope([(r["code bytes"], r["wasm-opt s"]) for r in rows if r["wasm-opt s"] >= 0.05])
            results[family] = {"rows": rows, "weft slope": w, "wasm-opt slope": o}
            print("%-8s log-log slope (runs of 0.05 s or more): weft %s, wasm-opt %s"
                  % (family, "%.2f" % w if w is not None else "-", "%.2f" % o if o is not None else "-"))
    # Only the families run now are replaced: a run of one family keeps the others' figures.
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", "scaling.json")
    kept = {}
    if os.path.exists(path):
        with open(path) as f:
            kept = json.load(f)
    kept.update(results)
    with open(path, "w") as f:
        json.dump(kept, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
