/* Decoding with every error RFC 4648 section 3 lets a decoder report. */
#include "b64.h"

/* Writes the 1 or 2 bytes of a final group of 2 or 3 symbols held in acc. */
static int finish_group(uint32_t acc, uint32_t symbols, uint8_t *dst, uint32_t out, uint32_t cap, uint32_t flags) {
    if (symbols == 1) {
        return B64_ERR_LENGTH;
    }
    uint32_t bytes = symbols - 1;
    uint32_t unused = symbols == 2 ? 4 : 2;
    if ((flags & B64_STRICT) && (acc & ((1u << unused) - 1)) != 0) {
        return B64_ERR_TRAILING;
    }
    if (out + bytes > cap) {
        return B64_ERR_SPACE;
    }
    acc >>= unused;
    if (bytes == 2) {
        dst[out++] = (uint8_t)(acc >> 8);
    }
    dst[out++] = (uint8_t)acc;
    return (int)out;
}

/* Decodes src (skipping whitespace when skip_space) into dst. Returns the bytes written or an
 * error; on an error what was written so far stays in dst. */
static int decode(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t flags, int skip_space) {
    uint32_t acc = 0;    /* the bits of the current group, most recent lowest */
    uint32_t count = 0;  /* symbols in the current group */
    uint32_t pads = 0;   /* '=' after them */
    uint32_t out = 0;
    for (uint32_t i = 0; i < len; i++) {
        uint8_t c = src[i];
        if (skip_space && b64_is_space(c)) {
            continue;
        }
        if (c == '=') {
            if ((flags & B64_NOPAD) || count < 2 || count + pads >= 4) {
                return B64_ERR_PADDING;
            }
            pads++;
            continue;
        }
        if (pads > 0) {
            return B64_ERR_PADDING; /* a symbol after '=' */
        }
        int v = b64_value(c, flags);
        if (v < 0) {
            return B64_ERR_CHAR;
        }
        acc = (acc << 6) | (uint32_t)v;
        count++;
        if (count == 4) {
            if (out + 3 > cap) {
                return B64_ERR_SPACE;
            }
            dst[out++] = (uint8_t)(acc >> 16);
            dst[out++] = (uint8_t)(acc >> 8);
            dst[out++] = (uint8_t)acc;
            acc = 0;
            count = 0;
        }
    }
    if (pads > 0) {
        if (count + pads != 4) {
            return B64_ERR_PADDING;
        }
        return finish_group(acc, count, dst, out, cap, flags);
    }
    if (count == 0) {
        return (int)out;
    }
    if (count == 1) {
        return B64_ERR_LENGTH;
    }
    if (!(flags & B64_NOPAD)) {
        return B64_ERR_PADDING; /* padding required and missing */
    }
    return finish_group(acc, count, dst, out, cap, flags);
}

int b64_decode(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t flags) {
    return decode(src, len, dst, cap, flags, 0);
}

/* MIME: whitespace (CR, LF, space, tab) anywhere is ignored. */
int b64_decode_lines(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t flags) {
    return decode(src, len, dst, cap, flags, 1);
}

/* The decoded length the input would give, or the error, without writing anything: decodes in
 * pieces through a small buffer. */
int b64_validate(const uint8_t *src, uint32_t len, uint32_t flags) {
    uint8_t scratch[48];
    uint32_t total = 0;
    /* Pieces of 64 characters decode to 48 bytes; only the last may hold padding. */
    while (len > 64) {
        int n = decode(src, 64, scratch, sizeof scratch, flags | B64_NOPAD, 0);
        if (n < 0) {
            return n;
        }
        total += (uint32_t)n;
        src += 64;
        len -= 64;
    }
    int n = decode(src, len, scratch, sizeof scratch, flags, 0);
    return n < 0 ? n : (int)(total + (uint32_t)n);
}
