#!/usr/bin/env python3
"""Writes kernel.json: RFC 8259's examples, accept/reject cases for every error, nesting at and
past the depth limit, string decoding, token records, and member lookup in a config blob."""
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from kernelgen import Vector, write  # noqa: E402

UNITS = ["json_utf8.c", "json_lex.c", "json_parse.c", "json_query.c"]
HOT = ["json_validate", "json_stats", "json_tokenize", "json_unescape", "json_find_key"]
RFC1 = (b'{"Image": {"Width": 800, "Height": 600, "Title": "View from 15th Floor", "Thumbnail": '
        b'{"Url": "http://www.example.com/image/481989943", "Height": 125, "Width": 100}, '
        b'"Animated" : false, "IDs": [116, 943, 234, 38793]}}')
RFC2 = (b'[{"precision": "zip", "Latitude": 37.7668, "Longitude": -122.3959, "Address": "", '
        b'"City": "SAN FRANCISCO", "State": "CA", "Zip": "94107", "Country": "US"}, '
        b'{"precision": "zip", "Latitude": 37.371991, "Longitude": -122.026020, "Address": "", '
        b'"City": "SUNNYVALE", "State": "CA", "Zip": "94085", "Country": "US"}]')
vectors = []

# RFC 8259 section 13: validate, count, tokenize, look members up.
for doc in (RFC1, RFC2):
    v = Vector()
    t = v.hex(doc)
    v.call("json_validate", t, len(doc), 64, v.zeros(4)).call("json_stats", t, len(doc), v.zeros(52))
    v.call("json_tokenize", t, len(doc), v.zeros(8 * 100), 100).call("json_tokenize", t, len(doc), v.zeros(8 * 10), 10)
    for key in (b"Image", b"Width", b"IDs", b""):
        v.call("json_find_key", t, len(doc), v.hex(key, max(len(key), 1)), len(key), v.zeros(8))
    vectors.append(v)

# Accept and reject: one document per call, validate and stats (which also says where).
CASES = [
    b"0", b"-0", b"42", b"-1.5e+10", b"1E-2", b"true", b"false", b"null", b'""', b'"x"', b"[]", b"{}",
    b' [ 1 , 2 ,\t3 ]\r\n', b'{"a":{"b":{"c":[null,true,false]}}}', b'["\\u0041\\u00e9\\u20ac\\ud83d\\ude00"]',
    b'["\\"\\\\\\/\\b\\f\\n\\r\\t"]', '["caf\u00e9 \u20ac \U0001F600"]'.encode(), b'{"":0,"":1}',
    b"01", b"1.", b".5", b"-", b"1e", b"1e+", b"+1", b"--1", b"0x10", b"[1,]", b"[,1]", b"{,}", b'{"a"}',
    b'{"a":}', b'{"a":1,}', b'{"a" 1}', b"{1:2}", b"[1:2]", b'["a",]', b"[1 2]", b"[1}", b'{"a":1]',
    b"]", b"}", b"[", b"{", b'["abc', b'"\\', b'["\\q"]', b'["\\u12"]', b'["\\u12G4"]', b'["\\ud800"]',
    b'["\\ud800\\u0041"]', b'["\\udc00"]', b'["\\ud800x"]', b'["a\x01b"]', b'["\x7f"]', b'["\xff"]',
    b'["\xc3"]', b'["\xe2\x82"]', b'["\xc0\x80"]', b'["\xe0\x80\x80"]', b'["\xed\xbf\xbf"]',
    b'["\xf4\x90\x80\x80"]', b'["\x80"]', b"tru", b"nul", b"falsy", b"True", b"[true false]", b"1 2",
    b"[] []", b"", b"   ", b"NaN", b"[Infinity]", b"'a'", b"\xef\xbb\xbf[]", b"[1e400]", b"[-0.0e-0]",
]
v = Vector()
for doc in CASES:
    t = v.hex(doc, max(len(doc), 1))
    v.call("json_validate", t, len(doc), 64, v.zeros(4)).call("json_stats", t, len(doc), v.zeros(52))
vectors.append(v)

# Nesting: 64 levels pass, 65 fail; a lower limit; objects and arrays interleaved.
v = Vector()
for doc, limit in [(b"[" * 64 + b"]" * 64, 64), (b"[" * 65 + b"]" * 65, 64), (b"[" * 65 + b"]" * 65, 100),
                   (b"[[[[1]]]]", 3), (b"[[[[1]]]]", 4), (b'{"a":[{"b":[{"c":[]}]}]}', 6), (b'{"a":[{"b":[{"c":[]}]}]}', 5),
                   (b"[" * 64 + b"1" + b"]" * 63, 64)]:
    t = v.hex(doc)
    v.call("json_validate", t, len(doc), limit, v.zeros(4)).call("json_stats", t, len(doc), v.zeros(52))
vectors.append(v)

# String literals decoded: every escape, surrogate pairs, raw UTF-8; errors; a short output.
v = Vector()
for lit, cap in [(b'"plain"', 16), (b'""', 4), (b'"\\"\\\\\\/\\b\\f\\n\\r\\t"', 16), (b'"\\u0000\\u007f\\u0080\\u07ff\\u0800\\uffff"', 32),
                 (b'"\\ud800\\udc00\\udbff\\udfff"', 16), ('"\u00e9\u20ac\U0001F600"'.encode(), 16), (b'"\\u00e9"', 1),
                 (b'"\\u00e9"', 2), (b'"abc"', 2), (b'"\\ud800"', 16), (b'"\\x"', 16), (b'"ab', 16), (b'"a"b', 16),
                 (b'x"a"', 16), (b"17", 16), (b'"\x1f"', 16)]:
    v.call("json_unescape", v.hex(lit), len(lit), v.seed(32, 1), cap)
vectors.append(v)

# Token records with brackets closed too often, an error mid-way, exactly enough room.
v = Vector()
for doc, cap in [(b"[1,2]]", 16), (b'[1, "a\\x"]', 16), (b"[1,2,3]", 7), (b"[1,2,3]", 6), (b"", 4), (b'{"k": [true, null]}', 16)]:
    t = v.hex(doc, max(len(doc), 1))
    v.call("json_tokenize", t, len(doc), v.zeros(8 * 16), cap)
vectors.append(v)

# A generated configuration blob (about 6 KiB): a device tree of sensors, channels and
# calibration tables, with escaped names; stats, tokens, and lookups of several keys.
rng = random.Random(7)
def value(level):
    r = rng.random()
    if level > 3 or r < 0.35:
        return rng.choice([rng.randint(-100000, 100000), round(rng.uniform(-1e3, 1e3), 3), True, False, None,
                           "s\u00e9nsor-%d\t" % rng.randint(0, 99), "\U0001F321 temp", "x" * rng.randint(0, 12)])
    if r < 0.65:
        return [value(level + 1) for _ in range(rng.randint(0, 6))]
    return {"k%d_%s" % (i, rng.choice(["gain", "offset", "rate", "na\u00efve"])): value(level + 1)
            for i in range(rng.randint(0, 6))}
config = {"device": "weft-node", "version": 3, "sensors": [value(1) for _ in range(20)],
          "calibration": {"table": [[rng.randint(0, 4095) for _ in range(8)] for _ in range(12)]}, "name\u00e9": "\u2603",
          "limits": {"max": 1e6, "min": -1e-6}, "enabled": True}
blob = json.dumps(config, ensure_ascii=False).encode()
blob_ascii = json.dumps(config, ensure_ascii=True, indent=1).encode()
for doc in (blob, blob_ascii):
    assert len(doc) < 16000, len(doc)
    v = Vector()
    t = v.hex(doc)
    v.call("json_validate", t, len(doc), 64, v.zeros(4)).call("json_validate", t, len(doc), 2, v.zeros(4))
    v.call("json_stats", t, len(doc), v.zeros(52)).call("json_tokenize", t, len(doc), v.zeros(8 * 2048), 2048)
    for key in ("device", "enabled", "limits", "name\u00e9", "calibration", "missing", "sensors"):
        k = key.encode()
        v.call("json_find_key", t, len(doc), v.hex(k), len(k), v.zeros(8))
    v.call("json_validate", t, len(doc) - 1, 64, v.zeros(4))  # cut short by one byte
    vectors.append(v)

write(__file__, "json", UNITS, HOT, vectors)
