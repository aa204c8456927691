/* Digits and fields: integer conversion in bases 8, 10 and 16 (32-bit fast path, 64-bit when
   the value needs it), and the padding rules of C's printf for integers and strings. */
#include "pf.h"

static const uint8_t lower_digits[16] = {'0', '1', '2', '3', '4', '5', '6', '7',
                                         '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
static const uint8_t upper_digits[16] = {'0', '1', '2', '3', '4', '5', '6', '7',
                                         '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

/* Writes the digits of `v` backwards, ending just before `end`; returns how many. Zero gives
   one digit. */
uint32_t pf_utoa32(uint32_t v, uint32_t base, uint8_t upper, uint8_t *end) {
    const uint8_t *digits = upper ? upper_digits : lower_digits;
    uint32_t n = 0;
    do {
        *--end = digits[v % base];
        v /= base;
        n++;
    } while (v != 0);
    return n;
}

uint32_t pf_utoa64(uint64_t v, uint32_t base, uint8_t upper, uint8_t *end) {
    if (v <= 0xFFFFFFFFu) return pf_utoa32((uint32_t)v, base, upper, end);
    const uint8_t *digits = upper ? upper_digits : lower_digits;
    uint32_t n = 0;
    if (base == 10) {
        /* Peel nine decimal digits at a time with one 64-bit division each. */
        while (v > 0xFFFFFFFFu) {
            uint32_t chunk = (uint32_t)(v % 1000000000u);
            v /= 1000000000u;
            for (int i = 0; i < 9; i++) {
                *--end = digits[chunk % 10];
                chunk /= 10;
                n++;
            }
        }
        return n + pf_utoa32((uint32_t)v, base, upper, end);
    }
    /* Powers of two: shifts only. */
    uint32_t shift = base == 16 ? 4 : 3;
    uint64_t mask = base - 1;
    do {
        *--end = digits[v & mask];
        v >>= shift;
        n++;
    } while (v != 0);
    return n;
}

/* An integer field: sign or prefix, zeros to the precision, and padding to the width. */
void pf_emit_integer(struct pf_sink *s, const struct pf_spec *sp, uint64_t magnitude, uint8_t negative) {
    uint8_t digits[24];
    uint8_t *end = digits + sizeof digits;
    uint32_t base = 10;
    uint8_t upper = 0;
    uint8_t prefix[2];
    uint32_t nprefix = 0;
    switch (sp->conv) {
    case 'o': base = 8; break;
    case 'x': base = 16; break;
    case 'X': base = 16; upper = 1; break;
    case 'p': base = 16; break;
    default: break;
    }
    uint32_t ndigits = pf_utoa64(magnitude, base, upper, end);
    uint32_t prec = sp->has_prec ? sp->prec : 1;
    if (sp->conv == 'p') prec = 8;
    if (magnitude == 0 && sp->has_prec && sp->prec == 0 && sp->conv != 'p') ndigits = 0;

    if (sp->conv == 'd' || sp->conv == 'i') {
        if (negative) prefix[nprefix++] = '-';
        else if (sp->plus) prefix[nprefix++] = '+';
        else if (sp->space) prefix[nprefix++] = ' ';
    } else if (sp->conv == 'p' || (sp->hash && magnitude != 0 && base == 16)) {
        prefix[nprefix++] = '0';
        prefix[nprefix++] = upper ? 'X' : 'x';
    }
    uint32_t zeros = prec > ndigits ? prec - ndigits : 0;
    /* '#' with 'o': the first digit is a zero, raising the precision if it must. */
    if (sp->hash && sp->conv == 'o' && zeros == 0 && (ndigits == 0 || *(end - ndigits) != '0')) zeros = 1;

    uint32_t body = nprefix + zeros + ndigits;
    uint32_t pad = sp->width > body ? sp->width - body : 0;
    if (sp->zero && !sp->minus && !sp->has_prec && sp->conv != 'p') {
        zeros += pad;
        pad = 0;
    }
    if (!sp->minus) pf_repeat(s, ' ', pad);
    pf_write(s, prefix, nprefix);
    pf_repeat(s, '0', zeros);
    pf_write(s, end - ndigits, ndigits);
    if (sp->minus) pf_repeat(s, ' ', pad);
}

/* A string (or a %c) field: `n` bytes, cut to the precision, padded to the width. */
void pf_emit_string(struct pf_sink *s, const struct pf_spec *sp, const uint8_t *p, uint32_t n) {
    if (sp->has_prec && sp->conv == 's' && n > sp->prec) n = sp->prec;
    uint32_t pad = sp->width > n ? sp->width - n : 0;
    if (!sp->minus) pf_repeat(s, ' ', pad);
    pf_write(s, p, n);
    if (sp->minus) pf_repeat(s, ' ', pad);
}
