/* Adler-32 and Fletcher-16 block checksums. */
#include <stdint.h>

uint32_t adler32_update(uint32_t adler, const uint8_t *p, uint32_t n) {
    uint32_t a = adler & 0xFFFF, b = adler >> 16;
    while (n > 0) {
        uint32_t chunk = n < 3800 ? n : 3800;
        n -= chunk;
        while (chunk--) { a += *p++; b += a; }
        a %= 65521u;
        b %= 65521u;
    }
    return (b << 16) | a;
}

uint16_t fletcher16(const uint8_t *p, uint32_t n) {
    uint32_t s1 = 0, s2 = 0;
    for (uint32_t i = 0; i < n; i++) {
        s1 = (s1 + p[i]) % 255u;
        s2 = (s2 + s1) % 255u;
    }
    return (uint16_t)((s2 << 8) | s1);
}
