/* UTF-8 (RFC 3629) decoding with every malformation refused, encoding, and \u hex digits. */
#include "json.h"

/* Decodes one character from p (avail bytes there); returns its length in bytes, or 0 when
 * malformed: a stray continuation byte, a truncated sequence, an overlong form, a surrogate,
 * or a value past U+10FFFF. */
int json_utf8_decode(const uint8_t *p, uint32_t avail, uint32_t *code) {
    uint8_t b0 = p[0];
    uint32_t need, min, c;
    if (b0 < 0x80) {
        *code = b0;
        return 1;
    }
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        need = 1;
        min = 0x80;
        c = b0 & 0x1fu;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        need = 2;
        min = 0x800;
        c = b0 & 0x0fu;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        need = 3;
        min = 0x10000;
        c = b0 & 0x07u;
    } else {
        return 0;
    }
    if (avail < need + 1) {
        return 0;
    }
    for (uint32_t i = 1; i <= need; i++) {
        if ((p[i] & 0xc0u) != 0x80u) {
            return 0;
        }
        c = (c << 6) | (p[i] & 0x3fu);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        return 0;
    }
    *code = c;
    return (int)(need + 1);
}

/* Writes code as UTF-8; returns the bytes written (1 to 4). */
uint32_t json_utf8_encode(uint32_t code, uint8_t *out) {
    if (code < 0x80) {
        out[0] = (uint8_t)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (uint8_t)(0xc0 | (code >> 6));
        out[1] = (uint8_t)(0x80 | (code & 0x3f));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (uint8_t)(0xe0 | (code >> 12));
        out[1] = (uint8_t)(0x80 | ((code >> 6) & 0x3f));
        out[2] = (uint8_t)(0x80 | (code & 0x3f));
        return 3;
    }
    out[0] = (uint8_t)(0xf0 | (code >> 18));
    out[1] = (uint8_t)(0x80 | ((code >> 12) & 0x3f));
    out[2] = (uint8_t)(0x80 | ((code >> 6) & 0x3f));
    out[3] = (uint8_t)(0x80 | (code & 0x3f));
    return 4;
}

static int hex_digit(uint8_t c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Four hex digits at p: 1 and the value, or 0 when fewer than four digits are there. */
int json_hex4(const uint8_t *p, uint32_t avail, uint32_t *value) {
    uint32_t v = 0;
    if (avail < 4) {
        return 0;
    }
    for (uint32_t i = 0; i < 4; i++) {
        int d = hex_digit(p[i]);
        if (d < 0) {
            return 0;
        }
        v = (v << 4) | (uint32_t)d;
    }
    *value = v;
    return 1;
}
