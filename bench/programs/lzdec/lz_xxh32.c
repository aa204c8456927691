/* xxHash32 (the LZ4 frame format's checksum), and little-endian words. */
#include "lz.h"

#define P1 2654435761u
#define P2 2246822519u
#define P3 3266489917u
#define P4 668265263u
#define P5 374761393u

uint32_t lz_read32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

void lz_write32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static uint32_t rotl(uint32_t x, unsigned r) { return (x << r) | (x >> (32 - r)); }

static uint32_t round32(uint32_t acc, uint32_t input) {
    acc += input * P2;
    acc = rotl(acc, 13);
    return acc * P1;
}

uint32_t lz_xxh32(const uint8_t *data, uint32_t len, uint32_t seed) {
    const uint8_t *p = data;
    const uint8_t *end = data + len;
    uint32_t h;
    if (len >= 16) {
        uint32_t v1 = seed + P1 + P2;
        uint32_t v2 = seed + P2;
        uint32_t v3 = seed;
        uint32_t v4 = seed - P1;
        const uint8_t *limit = end - 16;
        do {
            v1 = round32(v1, lz_read32(p));
            v2 = round32(v2, lz_read32(p + 4));
            v3 = round32(v3, lz_read32(p + 8));
            v4 = round32(v4, lz_read32(p + 12));
            p += 16;
        } while (p <= limit);
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
    } else {
        h = seed + P5;
    }
    h += len;
    while (end - p >= 4) {
        h += lz_read32(p) * P3;
        h = rotl(h, 17) * P4;
        p += 4;
    }
    while (p < end) {
        h += (uint32_t)(*p) * P5;
        h = rotl(h, 11) * P1;
        p++;
    }
    h ^= h >> 15;
    h *= P2;
    h ^= h >> 13;
    h *= P3;
    h ^= h >> 16;
    return h;
}
