/* Encoding: whole output at once, or wrapped into lines ended by CRLF (MIME). */
#include "b64.h"

uint32_t b64_encoded_length(uint32_t len, uint32_t flags) {
    uint32_t full = len / 3 * 4;
    uint32_t rest = len % 3;
    if (rest == 0) {
        return full;
    }
    return full + ((flags & B64_NOPAD) ? rest + 1 : 4);
}

/* Encodes one group of 1 to 3 bytes into out (2 to 4 characters, padded unless NOPAD);
 * returns the characters written. */
static uint32_t encode_group(const uint8_t *src, uint32_t n, uint8_t *out, uint32_t flags) {
    uint32_t v = (uint32_t)src[0] << 16;
    if (n > 1) {
        v |= (uint32_t)src[1] << 8;
    }
    if (n > 2) {
        v |= src[2];
    }
    out[0] = (uint8_t)b64_symbol(v >> 18, flags);
    out[1] = (uint8_t)b64_symbol(v >> 12, flags);
    if (n == 1) {
        if (flags & B64_NOPAD) {
            return 2;
        }
        out[2] = '=';
        out[3] = '=';
        return 4;
    }
    out[2] = (uint8_t)b64_symbol(v >> 6, flags);
    if (n == 2) {
        if (flags & B64_NOPAD) {
            return 3;
        }
        out[3] = '=';
        return 4;
    }
    out[3] = (uint8_t)b64_symbol(v, flags);
    return 4;
}

/* Returns the characters written, or B64_ERR_SPACE (nothing written). */
int b64_encode(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t flags) {
    uint32_t need = b64_encoded_length(len, flags);
    if (need > cap) {
        return B64_ERR_SPACE;
    }
    uint32_t at = 0;
    while (len > 0) {
        uint32_t n = len < 3 ? len : 3;
        at += encode_group(src, n, dst + at, flags);
        src += n;
        len -= n;
    }
    return (int)at;
}

/* Standard alphabet with padding, a CRLF after every `line` characters and after the last
 * (partial) line; line must be a positive multiple of 4 (76 for MIME). */
int b64_encode_lines(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t line) {
    if (line == 0 || line % 4 != 0) {
        return B64_ERR_ARG;
    }
    uint32_t chars = b64_encoded_length(len, 0);
    uint32_t lines = (chars + line - 1) / line;
    if (chars + 2 * lines > cap) {
        return B64_ERR_SPACE;
    }
    uint32_t at = 0, column = 0;
    while (len > 0) {
        uint32_t n = len < 3 ? len : 3;
        at += encode_group(src, n, dst + at, 0);
        column += 4;
        src += n;
        len -= n;
        if (column == line || len == 0) {
            dst[at++] = '\r';
            dst[at++] = '\n';
            column = 0;
        }
    }
    return (int)at;
}
