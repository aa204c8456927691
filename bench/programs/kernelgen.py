"""Writes a program's kernel.json from a short Python description (each program's vectors.py).

    from kernelgen import Vector, Buf, write
    v = Vector()
    msg = v.hex(b"abc")            # a buffer given as bytes (hex in kernel.json)
    out = v.zeros(32)              # a zero-filled buffer
    rnd = v.seed(1000, 7)          # 1000 bytes of SplitMix64(7)
    v.call("sha256_oneshot", msg, 3, out)
    write(__file__, "sha256", units, hot, [v, ...])

Buffers are arguments by their `Buf` (written {"buf": k}); integers are i32/i64 by the
export's parameter types. The schema is bench/corpus/README.md's.
"""
import json
import os
import struct


class Buf:
    def __init__(self, index, size):
        self.index, self.size = index, size


def splitmix(seed, size):
    """The bytes a `seed` buffer holds (bench/corpus/README.md), for computing expectations."""
    out, state, mask = bytearray(), seed, (1 << 64) - 1
    while len(out) < size:
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        out += struct.pack("<Q", z)
    return bytes(out[:size])


class Vector:
    def __init__(self):
        self.buffers, self.calls = [], []

    def _add(self, spec):
        self.buffers.append(spec)
        return Buf(len(self.buffers) - 1, spec["size"])

    def hex(self, data, size=None):
        """A buffer holding `data`, zero-padded to `size`."""
        return self._add({"size": size if size is not None else len(data), "hex": bytes(data).hex()})

    def zeros(self, size):
        return self._add({"size": size, "hex": ""})

    def seed(self, size, seed):
        return self._add({"size": size, "seed": seed})

    def call(self, export, *args):
        self.calls.append({"export": export, "args": [{"buf": a.index} if isinstance(a, Buf) else a for a in args]})
        return self

    def json(self):
        total = sum((b["size"] + 15) & ~15 for b in self.buffers)
        assert total <= 0x10000, f"buffers need {total} bytes, past the second page"
        return {"calls": self.calls, "buffers": self.buffers}


def write(script, name, units, hot, vectors):
    """Writes kernel.json beside `script`; every hot export must be called by some vector."""
    called = {c["export"] for v in vectors for c in v.calls}
    missing = [h for h in hot if h not in called]
    assert not missing, f"hot exports without vectors: {missing}"
    unknown = sorted(called - set(hot))
    assert not unknown, f"calls to exports that are not hot: {unknown}"
    manifest = {"name": name, "units": units, "hot": hot, "vectors": [v.json() for v in vectors]}
    path = os.path.join(os.path.dirname(os.path.abspath(script)), "kernel.json")
    with open(path, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(vectors)} vectors, {sum(len(v.calls) for v in vectors)} calls")
