/* Byte helpers for SHA-256: big-endian words, copies, a constant-time compare. */
#include "sha256.h"

uint32_t sha256_load_be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

void sha256_store_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

void sha256_copy(uint8_t *dst, const uint8_t *src, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        dst[i] = src[i];
    }
}

void sha256_fill(uint8_t *dst, uint8_t v, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        dst[i] = v;
    }
}

/* 1 when equal. Every byte is read whatever the first difference: no early exit. */
int sha256_equal_ct(const uint8_t *a, const uint8_t *b, uint32_t n) {
    uint32_t diff = 0;
    for (uint32_t i = 0; i < n; i++) {
        diff |= (uint32_t)(a[i] ^ b[i]);
    }
    return (int)(1 & ((diff - 1) >> 8));
}
