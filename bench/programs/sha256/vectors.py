#!/usr/bin/env python3
"""Writes kernel.json: FIPS 180-4 / RFC 4231 messages, padding boundaries, streaming in pieces,
and the error paths (uninitialised, finalised and overflowing contexts, bad arguments)."""
import hashlib
import hmac
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from kernelgen import Vector, splitmix, write  # noqa: E402

UNITS = ["sha256_util.c", "sha256_block.c", "sha256.c", "sha256_hmac.c"]
HOT = ["sha256_init", "sha256_update", "sha256_final", "sha256_oneshot", "sha256_chunked",
       "hmac_sha256", "hmac_sha256_verify", "sha256_verify"]
CTX = 112
vectors = []

# FIPS 180-4 examples (one block, empty, two blocks, 896 bits).
for msg in [b"abc", b"", b"abcdbcdecdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"]:
    v = Vector()
    m, out = v.hex(msg), v.zeros(32)
    vectors.append(v.call("sha256_oneshot", m, len(msg), out))

# Every padding boundary around one and two blocks, on one random message.
v = Vector()
m = v.seed(200, 11)
for n in [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200]:
    v.call("sha256_oneshot", m, n, v.zeros(32))
vectors.append(v)

# Streaming: pieces of 3, 61, 64, 100 and 0 bytes; then update and final after final fail.
v = Vector()
ctx = v.seed(CTX, 21)
pieces = [v.seed(n, 30 + n) for n in (3, 61, 64, 100, 1)]
out, again = v.zeros(32), v.zeros(32)
v.call("sha256_init", ctx)
for p, n in zip(pieces, (3, 61, 64, 100, 0)):
    v.call("sha256_update", ctx, p, n)
v.call("sha256_final", ctx, out).call("sha256_update", ctx, pieces[0], 3).call("sha256_final", ctx, again)
vectors.append(v)

# The same 777 bytes cut every way: one-shot, then in chunks of 1, 7, 63, 64, 65, 777, 1000.
v = Vector()
m, ctx = v.seed(777, 40), v.zeros(CTX)
v.call("sha256_oneshot", m, 777, v.zeros(32))
for chunk in [1, 7, 63, 64, 65, 777, 1000]:
    v.call("sha256_chunked", ctx, m, 777, chunk, v.zeros(32))
v.call("sha256_chunked", ctx, m, 777, 0, v.zeros(32))  # chunk 0: an error, nothing written
vectors.append(v)

# A context never initialised (random bytes): update and final refuse it.
v = Vector()
ctx, m, out = v.seed(CTX, 50), v.seed(16, 51), v.zeros(32)
vectors.append(v.call("sha256_update", ctx, m, 16).call("sha256_final", ctx, out))

# A context whose byte count is at the 2^61 limit: 15 more bytes fit, 32 do not; then final.
v = Vector()
state = struct.pack("<8I", *range(1, 9))
crafted = state + struct.pack("<IIII", 0xFFFFFFF0, 0x1FFFFFFF, 0, 0x53484132)
ctx, m, out = v.hex(crafted, CTX), v.seed(64, 52), v.zeros(32)
vectors.append(v.call("sha256_update", ctx, m, 32).call("sha256_update", ctx, m, 15)
               .call("sha256_update", ctx, m, 1).call("sha256_final", ctx, out))

# RFC 4231 test cases 1, 2, 3, 4, 6, 7 (6 and 7: a 131-byte key, hashed first).
rfc4231 = [
    (b"\x0b" * 20, b"Hi There"),
    (b"Jefe", b"what do ya want for nothing?"),
    (b"\xaa" * 20, b"\xdd" * 50),
    (bytes(range(1, 26)), b"\xcd" * 50),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First"),
    (b"\xaa" * 131, b"This is a test using a larger than block-size key and a larger than block-size data. "
                    b"The key needs to be hashed before being used by the HMAC algorithm."),
]
for key, msg in rfc4231:
    v = Vector()
    k, m, out = v.hex(key), v.hex(msg), v.zeros(32)
    vectors.append(v.call("hmac_sha256", k, len(key), m, len(msg), out))

# Verification: RFC 4231 case 5 (a tag truncated to 128 bits), a flipped bit, bad tag lengths,
# an empty key; and sha256_verify right and wrong.
v = Vector()
key5, msg5 = b"\x0c" * 20, b"Test With Truncation"
tag5 = hmac.new(key5, msg5, hashlib.sha256).digest()[:16]
k, m, t = v.hex(key5), v.hex(msg5), v.hex(tag5)
bad = v.hex(bytes([tag5[0] ^ 1]) + tag5[1:])
v.call("hmac_sha256_verify", k, 20, m, len(msg5), t, 16).call("hmac_sha256_verify", k, 20, m, len(msg5), bad, 16)
v.call("hmac_sha256_verify", k, 20, m, len(msg5), t, 2).call("hmac_sha256_verify", k, 20, m, len(msg5), t, 33)
v.call("hmac_sha256_verify", k, 20, m, len(msg5), bad, 4)  # the flipped bit is in byte 0
v.call("hmac_sha256", k, 0, m, len(msg5), v.zeros(32))
data = splitmix(60, 300)
d = v.seed(300, 60)
good, wrong = v.hex(hashlib.sha256(data).digest()), v.hex(hashlib.sha256(data[:299]).digest())
v.call("sha256_verify", d, 300, good).call("sha256_verify", d, 300, wrong).call("sha256_verify", d, 299, wrong)
vectors.append(v)

# A long message (8 KiB) through HMAC and one-shot.
v = Vector()
k, m = v.seed(64, 70), v.seed(8192, 71)
vectors.append(v.call("hmac_sha256", k, 64, m, 8192, v.zeros(32)).call("sha256_oneshot", m, 8192, v.zeros(32)))

write(__file__, "sha256", UNITS, HOT, vectors)
