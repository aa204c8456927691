#!/usr/bin/env python3
"""Writes kernel.json: FIPS-197 and SP 800-38A vectors, lengths around block boundaries,
in-place operation, CTR counter carries and streaming, CBC padding errors."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from kernelgen import Vector, write  # noqa: E402

UNITS = ["aes_tables.c", "aes_key.c", "aes_block.c", "aes_modes.c"]
HOT = ["aes128_expand", "aes128_ecb_encrypt", "aes128_ecb_decrypt", "aes128_ctr", "aes128_cbc_encrypt",
       "aes128_cbc_decrypt"]
H = bytes.fromhex
KEY = H("2b7e151628aed2a6abf7158809cf4f3c")
SP_PT = H("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
          "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
vectors = []

# FIPS-197 C.1 and B: expand, encrypt, decrypt back.
for key, pt in [(H("000102030405060708090a0b0c0d0e0f"), H("00112233445566778899aabbccddeeff")),
                (KEY, H("3243f6a8885a308d313198a2e0370734"))]:
    v = Vector()
    k, rk, p, c, d = v.hex(key), v.zeros(176), v.hex(pt), v.zeros(16), v.zeros(16)
    vectors.append(v.call("aes128_expand", k, rk).call("aes128_ecb_encrypt", rk, p, c, 16)
                   .call("aes128_ecb_decrypt", rk, c, d, 16))

# SP 800-38A F.1.1/F.1.2 (ECB, four blocks), then in place; lengths 0, 15, 17 refused.
v = Vector()
k, rk, p, c, d = v.hex(KEY), v.zeros(176), v.hex(SP_PT), v.zeros(64), v.zeros(64)
v.call("aes128_expand", k, rk).call("aes128_ecb_encrypt", rk, p, c, 64).call("aes128_ecb_decrypt", rk, c, d, 64)
v.call("aes128_ecb_encrypt", rk, p, p, 64).call("aes128_ecb_decrypt", rk, p, p, 48)
v.call("aes128_ecb_encrypt", rk, p, c, 0).call("aes128_ecb_encrypt", rk, p, c, 15).call("aes128_ecb_decrypt", rk, c, d, 17)
vectors.append(v)

# Random keys and 1 KiB of data both ways.
for seed in (3, 4):
    v = Vector()
    k, rk, p, c, d = v.seed(16, seed), v.zeros(176), v.seed(1024, seed + 100), v.zeros(1024), v.zeros(1024)
    vectors.append(v.call("aes128_expand", k, rk).call("aes128_ecb_encrypt", rk, p, c, 1024)
                   .call("aes128_ecb_decrypt", rk, c, d, 1024))

# SP 800-38A F.5.1 (CTR), then the same message in pieces (16, 32, 16 bytes) with the counter
# carried, and a partial last block (61 bytes).
v = Vector()
k, ctr, p, c = v.hex(KEY), v.hex(H("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")), v.hex(SP_PT), v.zeros(64)
ctr2, c2 = v.hex(H("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")), v.zeros(64)
ctr3, c3 = v.hex(H("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")), v.zeros(64)
v.call("aes128_ctr", k, ctr, p, c, 64)
piece = [v.hex(SP_PT[0:16]), v.hex(SP_PT[16:48]), v.hex(SP_PT[48:64])]
outs = [v.zeros(16), v.zeros(32), v.zeros(16)]
for pc, o, n in zip(piece, outs, (16, 32, 16)):
    v.call("aes128_ctr", k, ctr2, pc, o, n)
v.call("aes128_ctr", k, ctr3, p, c3, 61).call("aes128_ctr", k, ctr3, p, c2, 0)
vectors.append(v)

# CTR: the counter carrying through all 16 bytes (ff..ff wraps to 00..00), a random round trip
# in place over 999 bytes.
v = Vector()
k, ctr, p, c = v.seed(16, 7), v.hex(b"\xff" * 16), v.seed(80, 8), v.zeros(80)
ctr_b = v.hex(b"\x00" * 12 + b"\xff\xff\xff\xfe")
v.call("aes128_ctr", k, ctr, p, c, 80).call("aes128_ctr", k, ctr_b, p, p, 80)
k2, n1, n2, m = v.seed(16, 9), v.seed(16, 10), v.seed(16, 10), v.seed(999, 11)
v.call("aes128_ctr", k2, n1, m, m, 999).call("aes128_ctr", k2, n2, m, m, 999)
vectors.append(v)

# SP 800-38A F.2.1 (CBC) with its PKCS#7 block, and back.
v = Vector()
k, iv, p, c, d = v.hex(KEY), v.hex(H("000102030405060708090a0b0c0d0e0f")), v.hex(SP_PT), v.zeros(80), v.zeros(80)
vectors.append(v.call("aes128_cbc_encrypt", k, iv, p, 64, c, 80).call("aes128_cbc_decrypt", k, iv, c, 80, d, 80))

# CBC lengths 0, 1, 15, 16, 17, 31, 100: every padding length; round trips in place.
v = Vector()
k, iv, m = v.seed(16, 12), v.seed(16, 13), v.seed(100, 14)
for n in (0, 1, 15, 16, 17, 31, 100):
    c, d = v.zeros(112), v.zeros(112)
    total = (n // 16 + 1) * 16
    v.call("aes128_cbc_encrypt", k, iv, m, n, c, 112).call("aes128_cbc_decrypt", k, iv, c, total, c, 112)
vectors.append(v)

# CBC errors: output too small, ciphertext lengths 0 and 20, a bad last byte (0, 17), a
# padding byte that disagrees, and a wrong key (padding almost surely bad).
v = Vector()
k, iv, m, c, d = v.seed(16, 15), v.seed(16, 16), v.seed(40, 17), v.zeros(48), v.zeros(48)
v.call("aes128_cbc_encrypt", k, iv, m, 40, c, 47).call("aes128_cbc_encrypt", k, iv, m, 40, c, 48)
v.call("aes128_cbc_decrypt", k, iv, c, 0, d, 48).call("aes128_cbc_decrypt", k, iv, c, 20, d, 48)
v.call("aes128_cbc_decrypt", k, iv, c, 48, d, 32).call("aes128_cbc_decrypt", k, iv, c, 48, d, 48)
wrong = v.seed(16, 18)
v.call("aes128_cbc_decrypt", wrong, iv, c, 48, d, 48)
vectors.append(v)

# Crafted padding: ECB-encrypt blocks whose last bytes are chosen, then CBC-decrypt them with a
# zero IV (one block: plaintext = decryption): pad 0, 17, 3 with a wrong second byte, 16 right.
v = Vector()
k, rk, iv = v.hex(KEY), v.zeros(176), v.zeros(16)
v.call("aes128_expand", k, rk)
for last in [b"\x00", b"\x11", b"\x03\x07\x03", b"\x10" * 16, b"\x01"]:
    block = v.hex((b"\x55" * 16)[:16 - len(last)] + last)
    enc, out = v.zeros(16), v.seed(16, 19)
    v.call("aes128_ecb_encrypt", rk, block, enc, 16).call("aes128_cbc_decrypt", k, iv, enc, 16, out, 16)
vectors.append(v)

write(__file__, "aes128", UNITS, HOT, vectors)
