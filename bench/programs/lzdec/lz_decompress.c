/* A safe LZ4 block decompressor: every length, offset and copy is checked against both
 * buffers, so malformed or hostile input gives an error, never a stray access. */
#include "lz.h"

/* Reads the bytes continuing a length nibble of 15; -1 when the input ends first. */
static int read_length(const uint8_t *src, uint32_t len, uint32_t *ip, uint32_t *n) {
    for (;;) {
        if (*ip >= len) {
            return -1;
        }
        uint8_t b = src[(*ip)++];
        *n += b;
        if (b != 255) {
            return 0;
        }
    }
}

int lz_decompress(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap) {
    uint32_t ip = 0, op = 0;
    if (len == 0) {
        return LZ_ERR_TRUNCATED;
    }
    while (ip < len) {
        uint8_t token = src[ip++];
        uint32_t lit = token >> 4;
        if (lit == 15 && read_length(src, len, &ip, &lit) < 0) {
            return LZ_ERR_TRUNCATED;
        }
        if (lit > len - ip) {
            return LZ_ERR_TRUNCATED;
        }
        if (lit > cap - op) {
            return LZ_ERR_SPACE;
        }
        for (uint32_t i = 0; i < lit; i++) {
            dst[op++] = src[ip++];
        }
        if (ip == len) {
            break; /* the last sequence has literals only */
        }
        if (len - ip < 2) {
            return LZ_ERR_TRUNCATED;
        }
        uint32_t offset = (uint32_t)src[ip] | ((uint32_t)src[ip + 1] << 8);
        ip += 2;
        if (offset == 0 || offset > op) {
            return LZ_ERR_OFFSET;
        }
        uint32_t mlen = token & 15u;
        if (mlen == 15 && read_length(src, len, &ip, &mlen) < 0) {
            return LZ_ERR_TRUNCATED;
        }
        mlen += LZ_MIN_MATCH;
        if (mlen > cap - op) {
            return LZ_ERR_SPACE;
        }
        /* Byte by byte: an offset shorter than the match repeats the bytes just written. */
        for (uint32_t i = 0; i < mlen; i++) {
            dst[op] = dst[op - offset];
            op++;
        }
    }
    return (int)op;
}
