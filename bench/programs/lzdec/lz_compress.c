/* A greedy LZ4 block compressor: one hash table of the last position of each 4-byte prefix,
 * in the caller's work area (LZ_WORK_BYTES), no chains. Its output follows the block format's
 * end rules, so any LZ4 decoder reads it. */
#include "lz.h"

static uint32_t hash4(uint32_t seq) { return (seq * 2654435761u) >> (32 - LZ_HASH_BITS); }

static uint32_t table_get(const uint8_t *work, uint32_t h) {
    return (uint32_t)work[2 * h] | ((uint32_t)work[2 * h + 1] << 8);
}

static void table_put(uint8_t *work, uint32_t h, uint32_t pos) {
    work[2 * h] = (uint8_t)pos;
    work[2 * h + 1] = (uint8_t)(pos >> 8);
}

/* Bytes a length field takes past its 4-bit nibble: one per 255, and the last. */
static uint32_t extra_bytes(uint32_t n) { return n < 15 ? 0 : (n - 15) / 255 + 1; }

static uint32_t put_length(uint8_t *out, uint32_t n) {
    uint32_t at = 0;
    n -= 15;
    while (n >= 255) {
        out[at++] = 255;
        n -= 255;
    }
    out[at++] = (uint8_t)n;
    return at;
}

/* One sequence: literals src[0..lit), then (when mlen) a match of mlen at offset. Returns the
 * new output position, or -1 when it does not fit. */
static int put_sequence(uint8_t *dst, uint32_t at, uint32_t cap, const uint8_t *lits, uint32_t lit, uint32_t offset,
                        uint32_t mlen) {
    uint32_t code = mlen ? mlen - LZ_MIN_MATCH : 0;
    uint32_t need = 1 + extra_bytes(lit) + lit + (mlen ? 2 + extra_bytes(code) : 0);
    if (need > cap - at) {
        return -1;
    }
    uint8_t *token = dst + at++;
    *token = (uint8_t)((lit < 15 ? lit : 15) << 4);
    if (lit >= 15) {
        at += put_length(dst + at, lit);
    }
    for (uint32_t i = 0; i < lit; i++) {
        dst[at++] = lits[i];
    }
    if (mlen) {
        *token |= (uint8_t)(code < 15 ? code : 15);
        dst[at++] = (uint8_t)offset;
        dst[at++] = (uint8_t)(offset >> 8);
        if (code >= 15) {
            at += put_length(dst + at, code);
        }
    }
    return (int)at;
}

int lz_compress(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint8_t *work) {
    if (len > LZ_MAX_INPUT) {
        return LZ_ERR_INPUT;
    }
    for (uint32_t i = 0; i < LZ_WORK_BYTES; i++) {
        work[i] = 0;
    }
    uint32_t at = 0, anchor = 0, i = 0;
    if (len > LZ_MF_LIMIT) {
        uint32_t match_limit = len - LZ_LAST_LITERALS; /* a match ends here at the latest */
        while (i < len - LZ_MF_LIMIT) {
            uint32_t seq = lz_read32(src + i);
            uint32_t h = hash4(seq);
            uint32_t cand = table_get(work, h);
            table_put(work, h, i);
            if (cand >= i || lz_read32(src + cand) != seq) {
                i++;
                continue;
            }
            uint32_t mlen = LZ_MIN_MATCH;
            while (i + mlen < match_limit && src[cand + mlen] == src[i + mlen]) {
                mlen++;
            }
            /* Extend backwards over literals that match too. */
            while (i > anchor && cand > 0 && src[i - 1] == src[cand - 1]) {
                i--;
                cand--;
                mlen++;
            }
            int next = put_sequence(dst, at, cap, src + anchor, i - anchor, i - cand, mlen);
            if (next < 0) {
                return LZ_ERR_SPACE;
            }
            at = (uint32_t)next;
            i += mlen;
            anchor = i;
            if (i >= 2 && i < len - LZ_MF_LIMIT) {
                table_put(work, hash4(lz_read32(src + i - 2)), i - 2);
            }
        }
    }
    int end = put_sequence(dst, at, cap, src + anchor, len - anchor, 0, 0);
    return end < 0 ? LZ_ERR_SPACE : end;
}
