#!/usr/bin/env python3
"""Writes kernel.json: impulses, DC and tones at every size, random blocks forward and back,
full-scale inputs (saturation), bit reversal alone, magnitudes and peaks, windowed spectra,
and sizes out of range."""
import math
import os
import random
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from kernelgen import Vector, write  # noqa: E402

UNITS = ["fft_tables.c", "fft_core.c", "fft_mag.c", "fft_window.c"]
HOT = ["fft_bitrev", "fft_q15", "fft_magnitude", "fft_window", "fft_spectrum", "fft_isqrt"]
rng = random.Random(5)
vectors = []


def q15(values):
    return struct.pack("<%dh" % len(values), *[max(-32768, min(32767, int(round(x)))) for x in values])


def complex_block(n, f):
    out = []
    for t in range(n):
        z = f(t)
        out += [z.real, z.imag]
    return q15(out)


# Impulse, DC and a complex tone at each size 2..1024, forward; the tone then inverse.
for log2n in range(1, 11):
    n = 1 << log2n
    v = Vector()
    imp = v.hex(complex_block(n, lambda t: 32767 if t == 0 else 0))
    dc = v.hex(complex_block(n, lambda t: 20000 - 5000j))
    k = (3 * n) // 8
    tone = v.hex(complex_block(n, lambda t: 16000 * complex(math.cos(2 * math.pi * k * t / n), math.sin(2 * math.pi * k * t / n))))
    v.call("fft_q15", imp, log2n, 0).call("fft_q15", dc, log2n, 0).call("fft_q15", tone, log2n, 0)
    v.call("fft_q15", tone, log2n, 1)
    vectors.append(v)

# Random blocks forward then inverse; full-scale extremes (-32768 everywhere, alternating).
for log2n in (4, 7, 9):
    n = 1 << log2n
    v = Vector()
    block = v.hex(complex_block(n, lambda t: complex(rng.randint(-32768, 32767), rng.randint(-32768, 32767))))
    ext = v.hex(complex_block(n, lambda t: -32768 - 32768j))
    alt = v.hex(complex_block(n, lambda t: (32767 if t % 2 else -32768) + 0j))
    v.call("fft_q15", block, log2n, 0).call("fft_q15", block, log2n, 1)
    v.call("fft_q15", ext, log2n, 0).call("fft_q15", alt, log2n, 0).call("fft_magnitude", alt, n, v.zeros(2 * n))
    vectors.append(v)

# Bit reversal alone (a ramp shows the permutation), sizes out of range leave data untouched.
v = Vector()
for log2n in (1, 2, 3, 5, 10):
    n = 1 << log2n
    v.call("fft_bitrev", v.hex(q15([t for t in range(n) for _ in (0, 1)])), log2n)
bad = v.seed(64, 1)
v.call("fft_bitrev", bad, 0).call("fft_bitrev", bad, 11).call("fft_q15", bad, 0, 0).call("fft_q15", bad, 12, 1)
v.call("fft_window", bad, 0).call("fft_window", bad, 11).call("fft_spectrum", bad, 0, v.zeros(16), v.zeros(16))
v.call("fft_spectrum", bad, 11, v.zeros(16), v.zeros(16))
vectors.append(v)

# Magnitudes: a tie for the peak, everything zero, one bin, saturated power.
v = Vector()
for values, bins in [([0, 0, 3, 4, 4, 3, 0, 5], 4), ([0] * 8, 4), ([100, 100], 1), ([-32768, -32768, 32767, -32768], 2)]:
    v.call("fft_magnitude", v.hex(q15(values)), bins, v.zeros(2 * bins))
for x in (0, 1, 2, 3, 4, 15, 16, 17, 1 << 30, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 12345678):
    v.call("fft_isqrt", x)
vectors.append(v)

# Spectra of real sensor blocks: two tones in noise, a chirp, a square wave; window alone.
for log2n, f in [(8, lambda t: 9000 * math.sin(2 * math.pi * 21 * t / 256) + 3000 * math.sin(2 * math.pi * 70 * t / 256) + rng.gauss(0, 400)),
                 (10, lambda t: 12000 * math.sin(2 * math.pi * (5 + t / 40) * t / 1024)),
                 (6, lambda t: 10000 if (t // 4) % 2 else -10000),
                 (9, lambda t: 32767 * math.cos(2 * math.pi * 100.5 * t / 512))]:
    n = 1 << log2n
    v = Vector()
    samples = v.hex(q15([f(t) for t in range(n)]))
    v.call("fft_spectrum", samples, log2n, v.zeros(4 * n), v.zeros(2 * (n // 2 + 1)))
    v.call("fft_window", samples, log2n)
    vectors.append(v)

write(__file__, "fft", UNITS, HOT, vectors)
