#!/usr/bin/env python3
"""Tally what `weft compile` refuses on binaryen's random modules.

Usage: bench/binaryen_refusals.py WEFT [COUNT] [OUTDIR]   (START=K env: first seed)

Module i is `wasm-opt -ttf SEED -o m.wasm` on 200-4,000 random bytes from Python's
random.Random(i): even i with --mvp-features, odd i also with nontrapping-float-to-int,
bulk-memory, multivalue and sign-ext. Each is compiled twice (checked memory, the default;
and --no-optimize); the last line of each refusal is counted, numbers replaced by N.
"""
import collections
import os
import random
import re
import subprocess
import sys

weft = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
out = sys.argv[3] if len(sys.argv) > 3 else '/tmp/weft-binaryen'
start = int(os.environ.get('START', '0'))
os.makedirs(out, exist_ok=True)
env = dict(os.environ)
env.setdefault('WEFT_RULES', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'rules'))
features = {
    'mvp': ['--mvp-features'],
    'ext': ['--mvp-features', '--enable-nontrapping-float-to-int', '--enable-bulk-memory',
            '--enable-multivalue', '--enable-sign-ext'],
}
modes = [('checked', ['--memory', 'checked']), ('noopt', ['--no-optimize'])]
tally = collections.Counter()
example = {}
for i in range(start, start + count):
    rng = random.Random(i)
    seed = os.path.join(out, f'seed{i}')
    with open(seed, 'wb') as f:
        f.write(bytes(rng.getrandbits(8) for _ in range(rng.randint(200, 4000))))
    kind = 'mvp' if i % 2 == 0 else 'ext'
    wasm = os.path.join(out, f'm{i}-{kind}.wasm')
    if not os.path.exists(wasm):
        r = subprocess.run(['wasm-opt', '-ttf', seed, '-o', wasm] + features[kind], capture_output=True)
        if r.returncode:
            tally[('gen', 'wasm-opt failed')] += 1
            continue
    for mode, flags in modes:
        try:
            r = subprocess.run([weft, 'compile', wasm, '-o', os.path.join(out, 'out.o')] + flags,
                               capture_output=True, text=True, timeout=300, env=env)
            lines = r.stderr.strip().splitlines()
            message = 'ok' if r.returncode == 0 else (lines[-1] if lines else f'exit {r.returncode}')
        except subprocess.TimeoutExpired:
            message = 'timeout'
        key = re.sub(r'\d+', 'N', re.sub(r'^weft: error: \S+: ', '', message))
        tally[(mode, key)] += 1
        example.setdefault((mode, key), os.path.basename(wasm))
for (mode, key), n in sorted(tally.items(), key=lambda x: (x[0][0], -x[1])):
    print(f'{mode:8} {n:5}  {key[:140]}  (e.g. {example.get((mode, key), "")})')
