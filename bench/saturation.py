#!/usr/bin/env python3
"""Saturation throughput: e-nodes per second and rebuild time on large generated functions.

Generates a module of large pure i32 expression trees (deterministic, seeded), then runs
`weft optimize --stats` on it and, in the same run, `wasm-opt -Oz` on the same module as the
peer. Prints e-nodes, saturation seconds, e-nodes/s, rebuild share, and the time ratio
weft / wasm-opt; writes bench/results/saturation.json. See docs/benchmarks.md.

With `--egglog`, also the same workload side by side with egglog (the `egglog` Python
package, https://github.com/egraphs-good/egglog): the same seeded terms and the same 15
rules (commutativity, identities, constant reassociation; `PEER_RULES`, written in both
languages), each engine run for the same number of iterations; prints each one's e-nodes,
saturation seconds and e-nodes per second. egglog keeps one e-graph for all the terms, weft
one per function; neither gets limits it would hit. egglog runs every match of every rule
each iteration (no backoff): at 20 terms of 400 operators and 8 iterations it needed more
than 4 GB, so the peer workload is 10 terms by default.

usage: saturation.py [--functions N] [--size NODES] [--egglog] [--iterations N] [--peer-functions N]
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


# The peer workload's rules: (weft rule, egglog rule).
PEER_RULES = [
    ("rule add-comm: (i32.add ?a ?b) => (i32.add ?b ?a)", "(rewrite (Add a b) (Add b a))"),
    ("rule mul-comm: (i32.mul ?a ?b) => (i32.mul ?b ?a)", "(rewrite (Mul a b) (Mul b a))"),
    ("rule and-comm: (i32.and ?a ?b) => (i32.and ?b ?a)", "(rewrite (And a b) (And b a))"),
    ("rule or-comm: (i32.or ?a ?b) => (i32.or ?b ?a)", "(rewrite (Or a b) (Or b a))"),
    ("rule xor-comm: (i32.xor ?a ?b) => (i32.xor ?b ?a)", "(rewrite (Xor a b) (Xor b a))"),
    ("rule eq-comm: (i32.eq ?a ?b) => (i32.eq ?b ?a)", "(rewrite (Eq a b) (Eq b a))"),
    ("rule ne-comm: (i32.ne ?a ?b) => (i32.ne ?b ?a)", "(rewrite (Ne a b) (Ne b a))"),
    ("rule add-zero: (i32.add ?a (i32.const 0)) => ?a", "(rewrite (Add a (C 0)) a)"),
    ("rule mul-one: (i32.mul ?a (i32.const 1)) => ?a", "(rewrite (Mul a (C 1)) a)"),
    ("rule or-zero: (i32.or ?a (i32.const 0)) => ?a", "(rewrite (Or a (C 0)) a)"),
    ("rule xor-zero: (i32.xor ?a (i32.const 0)) => ?a", "(rewrite (Xor a (C 0)) a)"),
    ("rule and-self: (i32.and ?a ?a) => ?a", "(rewrite (And a a) a)"),
    ("rule or-self: (i32.or ?a ?a) => ?a", "(rewrite (Or a a) a)"),
    ("rule add-add: (i32.add (i32.add ?a (i32.const ?b)) (i32.const ?c)) => (i32.add ?a (i32.const (+ ?b ?c)))",
     "(rewrite (Add (Add a (C b)) (C c)) (Add a (C (- (& (+ (+ b c) 2147483648) 4294967295) 2147483648))))"),
    ("rule mul-mul: (i32.mul (i32.mul ?a (i32.const ?b)) (i32.const ?c)) => (i32.mul ?a (i32.const (* ?b ?c)))",
     "(rewrite (Mul (Mul a (C b)) (C c)) (Mul a (C (- (& (+ (* b c) 2147483648) 4294967295) 2147483648))))"),
]

EGG_OPS = {"i32.add": "Add", "i32.sub": "Sub", "i32.mul": "Mul", "i32.and": "And", "i32.or": "Or",
           "i32.xor": "Xor", "i32.shl": "Shl", "i32.shr_u": "ShrU", "i32.shr_s": "ShrS", "i32.eq": "Eq",
           "i32.lt_u": "LtU", "i32.ne": "Ne", "i32.rem_u": "RemU"}


def egglog_term(wat):
    """A WAT expression of `expression`'s language as an egglog term."""
    out = []
    for tok in wat.replace("(", " ( ").replace(")", " ) ").split():
        out.append(tok)
    terms = []
    i = 0

    def parse():
        nonlocal i
        assert out[i] == "("
        head = out[i + 1]
        i += 2
        if head == "local.get":
            v = out[i]
            i += 2
            return "(P %s)" % v
        if head == "i32.const":
            v = int(out[i]) & 0xFFFFFFFF
            i += 2
            return "(C %d)" % (v - (1 << 32) if v >= 1 << 31 else v)  # as a signed 32-bit value
        args = []
        while out[i] != ")":
            args.append(parse())
        i += 1
        return "(%s %s)" % ("Sel" if head == "select" else EGG_OPS[head], " ".join(args))

    while i < len(out):
        terms.append(parse())
    return terms


def peer(args):
    """The workload with `PEER_RULES` in weft and in egglog, the same iterations."""
    try:
        from egglog import bindings
    except ImportError:
        raise SystemExit("--egglog needs the egglog package: pip install egglog")
    rng = random.Random(1)
    exprs = [expression(rng, args.size) for _ in range(args.peer_functions)]
    with tempfile.TemporaryDirectory() as tmp:
        rules = os.path.join(tmp, "peer.weft")
        with open(rules, "w") as f:
            for weft, _ in PEER_RULES:
                f.write("; %s\n%s\n" % (weft.split(":")[0][5:], weft))
        wat = os.path.join(tmp, "peer.wat")
        with open(wat, "w") as f:
            f.write("(module\n%s)\n" % "\n".join(
                '  (func (export "f%d") (param i32 i32 i32 i32) (result i32)\n    %s)' % (k, e)
                for k, e in enumerate(exprs)))
        wasm = os.path.join(tmp, "peer.wasm")
        subprocess.run(["wat2wasm", wat, "-o", wasm], check=True)
        _, stats = timed([WEFT, "optimize", wasm, "-o", os.path.join(tmp, "out.wasm"), "--stats", "--rules", rules,
                          "--max-iterations", str(args.iterations), "--max-nodes", "100000000",
                          "--max-work", "100000000000", "--no-inlining"])
    m = re.search(r"(\d+) iterations, (\d+) e-nodes, (\d+) e-classes, (?:\d+ work, )?([\d.]+) s", stats)
    weft_nodes, weft_s = int(m.group(2)), float(m.group(4))
    program = "(datatype E (Add E E) (Sub E E) (Mul E E) (And E E) (Or E E) (Xor E E) (Shl E E) (ShrU E E)\n" \
              " (ShrS E E) (Eq E E) (LtU E E) (Ne E E) (RemU E E) (Sel E E E) (C i64) (P i64))\n"
    program += "\n".join(egg for _, egg in PEER_RULES) + "\n"
    for k, e in enumerate(exprs):
        for t in egglog_term(e):
            program += "(let $t%d %s)\n" % (k, t)
    egraph = bindings.EGraph()
    egraph.run_program(*egraph.parse_program(program))
    start = time.perf_counter()
    egraph.run_program(*egraph.parse_program("(run %d)" % args.iterations))
    egg_s = time.perf_counter() - start
    sizes = egraph.run_program(*egraph.parse_program("(print-size)"))[0]
    egg_nodes = sum(n for _, n in sizes.sizes)
    print("peer workload: %d terms of %d operators, %d rules, %d iterations" %
          (args.peer_functions, args.size, len(PEER_RULES), args.iterations))
    print("  weft:   %8d e-nodes in %.3f s: %d e-nodes/s" % (weft_nodes, weft_s, weft_nodes / weft_s))
    print("  egglog: %8d e-nodes in %.3f s: %d e-nodes/s" % (egg_nodes, egg_s, egg_nodes / egg_s))
    print("  weft / egglog e-nodes per second: %.2f" % ((weft_nodes / weft_s) / (egg_nodes / egg_s)))
    return {"terms": args.peer_functions, "iterations": args.iterations, "weft e-nodes": weft_nodes, "weft s": weft_s,
            "egglog e-nodes": egg_nodes, "egglog s": round(egg_s, 3)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--functions", type=int, default=40)
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--egglog", action="store_true", help="also the peer workload in weft and egglog")
    parser.add_argument("--iterations", type=int, default=8, help="iterations of the peer workload")
    parser.add_argument("--peer-functions", type=int, default=10,
                        help="terms of the peer workload (egglog, with no backoff, needs over 4 GB at 20)")
    args = parser.parse_args()
    if args.egglog:
        result = peer(args)
        os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
        with open(os.path.join(HERE, "results", "saturation-egglog.json"), "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        return
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
