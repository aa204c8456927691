#!/usr/bin/env python3
"""Writes kernel.json: compress and decompress data of every character (zeros, text, random,
runs), round trips, frames both ways (some written by the lz4 command line tool), and every
error of the decoders on corrupted, truncated and hostile input."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from kernelgen import Vector, write  # noqa: E402

UNITS = ["lz_xxh32.c", "lz_compress.c", "lz_decompress.c", "lz_frame.c"]
HOT = ["lz_xxh32", "lz_compress", "lz_decompress", "lz_frame_pack", "lz_frame_unpack", "lz_roundtrip"]
WORK = 8192
TEXT = (b"It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of "
        b"foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, "
        b"it was the season of Darkness, it was the spring of hope, it was the winter of despair.\n") * 6
LOG = b"".join(b"t=%06d sensor=%d value=%d status=OK\n" % (i * 250, i % 4, (i * 37) % 1000) for i in range(120))
vectors = []


def lz4_tool(data, *flags):
    return subprocess.run(["lz4", "-q", "-c", *flags], input=data, capture_output=True, check=True).stdout


# xxHash32 over lengths around its 16-byte stripes, two seeds.
v = Vector()
d = v.seed(100, 1)
for n in (0, 1, 3, 4, 15, 16, 17, 31, 32, 33, 100):
    v.call("lz_xxh32", d, n, 0).call("lz_xxh32", d, n, 0x9747B28C)
vectors.append(v)

# Compress (the block is in the output buffer), and round trip (compress, decompress behind it,
# compare): text, a log, zeros, random bytes, short input at the end rules' edges.
for data in (TEXT, LOG, bytes(3000), None, b"abcabcabcabcabc", b"a" * 13, b"0123456789ab"):
    v = Vector()
    src = v.seed(2000, 2) if data is None else v.hex(data)
    n = src.size
    packed, work = v.zeros(n + n // 255 + 32), v.seed(WORK, 3)
    v.call("lz_compress", src, n, packed, packed.size, work)
    v.call("lz_roundtrip", src, n, v.zeros(2 * n + n // 255 + 32), 2 * n + n // 255 + 32, work)
    vectors.append(v)

# Decompress blocks written by hand and by the compressor's rules: literals only, an overlapping
# match (offset 1: a run), long length fields (15 + 255 + ...), and the errors.
BLOCKS = [
    (bytes([0x50]) + b"hello", 16),                                  # literals only
    (bytes([0x1f, ord("a"), 1, 0, 0xff, 0x02, 0x50]) + b"tail!", 300),  # 'a' then a 276-byte run
    (bytes([0xf0, 0x0a]) + bytes(range(25)), 64),                   # 25 literals (15 + 10)
    (bytes([0x44]) + b"abcd" + bytes([4, 0]) + bytes([0x50]) + b"12345", 64),  # "abcd" * 3 + tail
    (b"", 16),                                                       # empty: truncated
    (bytes([0x50]) + b"hel", 16),                                    # literals cut short
    (bytes([0x14]) + b"a", 16),                                      # ends after literals: valid
    (bytes([0x14]) + b"a" + bytes([1]), 16),                         # half an offset
    (bytes([0x14]) + b"a" + bytes([0, 0]), 16),                      # offset 0
    (bytes([0x14]) + b"a" + bytes([2, 0]), 16),                      # offset before the start
    (bytes([0xf0]), 16),                                             # length continuation missing
    (bytes([0xf0, 0xff]), 16),                                       # length continuation cut
    (bytes([0x1f, ord("a"), 1, 0, 0xff]), 600),                      # match length cut
    (bytes([0x50]) + b"hello", 4),                                   # literals past the output
    (bytes([0x1f, ord("a"), 1, 0, 0xff, 0x02, 0x50]) + b"tail!", 100),  # match past the output
]
v = Vector()
for block, cap in BLOCKS:
    v.call("lz_decompress", v.hex(block, max(len(block), 1)), len(block), v.seed(cap, 4), cap)
vectors.append(v)

# Frames written by the lz4 tool (its default frame; with block checksums (-BX); with the content
# size; stored blocks for incompressible data) and corrupted copies of one.
tool_frames = [lz4_tool(TEXT), lz4_tool(LOG, "-B4", "-BX"), lz4_tool(TEXT[:300], "-BX"),
               lz4_tool(LOG[:777], "--content-size"), lz4_tool(bytes(range(256)) * 3), lz4_tool(b"")]
v = Vector()
for frame in tool_frames:
    v.call("lz_frame_unpack", v.hex(frame), len(frame), v.zeros(len(LOG) + 16), len(LOG) + 16)
good = bytearray(tool_frames[0])
corrupt = [bytes(good[:3]), bytes(good[:6]), b"\x05" + bytes(good[1:]), bytes(good[:4]) + bytes([good[4] ^ 0x80]) + bytes(good[5:]),
           bytes(good[:5]) + bytes([0x30]) + bytes(good[6:]), bytes(good[:6]) + bytes([good[6] ^ 1]) + bytes(good[7:]),
           bytes(good[:-1]), bytes(good[:-4]), bytes(good[:-4]) + bytes([good[-4] ^ 1]) + bytes(good[-3:]),
           bytes(good[:20]) + bytes([good[20] ^ 0x40]) + bytes(good[21:]), bytes(good[:9])]
for frame in corrupt:
    v.call("lz_frame_unpack", v.hex(frame), len(frame), v.zeros(len(TEXT)), len(TEXT))
v.call("lz_frame_unpack", v.hex(tool_frames[0]), len(tool_frames[0]), v.zeros(100), 100)  # output too small
vectors.append(v)

# Pack then unpack: compressible, incompressible (stored), empty; and a destination too small.
for data, seed in ((LOG[:2000], None), (None, 5), (b"", None)):
    v = Vector()
    src = v.seed(1500, seed) if data is None else v.hex(data, max(len(data), 1))
    n = 1500 if data is None else len(data)
    frame, work = v.zeros(n + 64), v.seed(WORK, 6)
    v.call("lz_frame_pack", src, n, frame, n + 64, work)
    v.call("lz_frame_pack", src, n, v.zeros(32), 18, work).call("lz_frame_pack", src, n, v.zeros(64), 30, work)
    vectors.append(v)

# Round trips on random data at every length up to 40 (the end rules), and on 16 KiB of
# structured data; the compressor with too little room; input past 64 KiB refused.
v = Vector()
work, data = v.seed(WORK, 7), v.hex((LOG * 5)[:12000])
for n in range(0, 41):
    v.call("lz_roundtrip", data, n, v.zeros(128), 128, work)
v.call("lz_roundtrip", data, 12000, v.zeros(24100), 24100, work)
v.call("lz_compress", data, 12000, v.zeros(64), 64, work).call("lz_compress", data, 0x10000, v.zeros(16), 16, work)
vectors.append(v)

write(__file__, "lzdec", UNITS, HOT, vectors)
