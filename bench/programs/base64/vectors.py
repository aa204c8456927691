#!/usr/bin/env python3
"""Writes kernel.json: RFC 4648 section 10 vectors both ways, both alphabets with and without
padding, MIME lines, streaming in pieces, and every decoding error."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from kernelgen import Vector, splitmix, write  # noqa: E402

UNITS = ["b64_tables.c", "b64_encode.c", "b64_decode.c", "b64_stream.c"]
HOT = ["b64_encoded_length", "b64_encode", "b64_decode", "b64_encode_lines", "b64_decode_lines", "b64_validate",
       "b64_stream_encode", "b64_stream_finish", "b64_roundtrip"]
URL, NOPAD, STRICT = 1, 2, 4
vectors = []

# RFC 4648 section 10, encoded and decoded back (strict), every flag combination for encoding.
v = Vector()
for text in [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"]:
    src = v.hex(text, max(len(text), 1))
    for flags in (0, URL, NOPAD, URL | NOPAD):
        v.call("b64_encoded_length", len(text), flags).call("b64_encode", src, len(text), v.zeros(16), 16, flags)
vectors.append(v)
v = Vector()
for coded in [b"", b"Zg==", b"Zm8=", b"Zm9v", b"Zm9vYg==", b"Zm9vYmE=", b"Zm9vYmFy", b"Zg", b"Zm8", b"Zm9vYg"]:
    src = v.hex(coded, max(len(coded), 1))
    for flags in (0, STRICT, NOPAD, NOPAD | STRICT):
        v.call("b64_decode", src, len(coded), v.zeros(8), 8, flags).call("b64_validate", src, len(coded), flags)
vectors.append(v)

# Random data of every length 0..40 round trip in each alphabet (encode into work, decode back).
v = Vector()
data = v.seed(64, 1)
for n in range(0, 41):
    v.call("b64_roundtrip", data, n, v.zeros(112), 112, [0, URL, NOPAD, URL | NOPAD][n % 4])
vectors.append(v)

# 3 KiB: encode, validate, decode; both alphabets; a decode too small by one byte.
for flags in (0, URL | NOPAD):
    v = Vector()
    data, enc, dec, small = v.seed(3000, 2 + flags), v.zeros(4000), v.zeros(3000), v.zeros(2999)
    v.call("b64_encode", data, 3000, enc, 4000, flags).call("b64_validate", enc, 4000, flags)
    v.call("b64_validate", enc, 3999, flags)  # one character short
    v.call("b64_decode", enc, 4000, dec, 3000, flags).call("b64_decode", enc, 4000, small, 2999, flags)
    v.call("b64_encode", data, 3000, enc, 3999, flags)  # one short: refused, nothing written
    vectors.append(v)

# Decoding errors, each alone: characters outside the alphabet (the other alphabet's too, high
# bytes, NUL), padding misplaced, missing or doubled, a lone symbol, non-zero unused bits, space.
errors = [
    (b"Zm9v!A==", 0), (b"Zm9v-A==", 0), (b"Zm9v+A==", URL), (b"Zm9v\xc3A==", 0), (b"Zm\x009", 0),
    (b"Z===", 0), (b"=Zm9", 0), (b"Zg=", 0), (b"Zg===", 0), (b"Zg==Zm8=", 0), (b"Zm8=", NOPAD),
    (b"Zm9vY", 0), (b"Zm9vY", NOPAD), (b"Zh==", STRICT), (b"Zm9=", STRICT), (b"Zh==", 0), (b"Zm9", NOPAD | STRICT),
    (b"Zm9v Zm9v", 0), (b"Zm9vYmFy", 0),
]
v = Vector()
for coded, flags in errors:
    src = v.hex(coded)
    v.call("b64_decode", src, len(coded), v.seed(8, 3), 8, flags).call("b64_validate", src, len(coded), flags)
vectors.append(v)
# A long input whose bad character is at 100 and one with padding inside the first 64 characters.
v = Vector()
good = b"QUJD" * 40
for coded in [good, good[:100] + b"*" + good[101:], good[:60] + b"QQ==" + good[64:], good[:156] + b"QQ=="]:
    src = v.hex(coded)
    v.call("b64_validate", src, len(coded), 0).call("b64_decode", src, len(coded), v.zeros(120), 120, 0)
vectors.append(v)

# MIME lines: 57-byte lines of 76 characters, short lines of 4, bad line lengths; decoding
# with CRLF, spaces and tabs anywhere, and without skipping them (an error).
v = Vector()
data = v.seed(200, 4)
for line in (76, 4, 64, 0, 6):
    v.call("b64_encode_lines", data, 200, v.zeros(300), 300, line)
mime = v.zeros(300)
v.call("b64_encode_lines", data, 200, mime, 300, 76).call("b64_decode_lines", mime, 274, v.zeros(200), 200, STRICT)
v.call("b64_decode", mime, 274, v.zeros(200), 200, 0).call("b64_encode_lines", data, 200, v.zeros(300), 273, 76)
spaced = v.hex(b" Zm9v\tYmFy\r\n Zm8 =\n")
v.call("b64_decode_lines", spaced, 19, v.zeros(16), 16, 0).call("b64_decode_lines", spaced, 19, v.zeros(16), 16, NOPAD)
vectors.append(v)

# Streaming: 100 random bytes in pieces of 1, 2, 0, 5, 3, 89 bytes, then finish; URL without
# padding in pieces of 7; a piece too big for its output; a corrupt state (6 bytes carried).
for flags, pieces in [(0, [1, 2, 0, 5, 3, 89]), (URL | NOPAD, [7] * 14 + [2])]:
    v = Vector()
    state, data = v.hex(bytes([0, 0, 0, flags])), v.seed(100, 5 + flags)
    chunks = []
    off = 0
    # each piece from its own buffer (arguments are buffer starts)
    raw = splitmix(5 + flags, 100)
    for n in pieces:
        chunks.append((v.hex(raw[off:off + n], max(n, 1)), n))
        off += n
    for buf, n in chunks:
        v.call("b64_stream_encode", state, buf, n, v.zeros(128), 128)
    v.call("b64_stream_finish", state, v.zeros(8), 8).call("b64_encode", data, 100, v.zeros(136), 136, flags)
    vectors.append(v)
v = Vector()
state, data = v.zeros(4), v.seed(30, 6)
v.call("b64_stream_encode", state, data, 2, v.zeros(4), 4).call("b64_stream_encode", state, data, 10, v.zeros(16), 15)
v.call("b64_stream_finish", state, v.zeros(4), 3).call("b64_stream_finish", state, v.zeros(4), 4)
bad = v.hex(bytes([6, 1, 2, 0]))
v.call("b64_stream_encode", bad, data, 3, v.zeros(8), 8).call("b64_stream_finish", bad, v.zeros(8), 8)
vectors.append(v)

write(__file__, "base64", UNITS, HOT, vectors)
