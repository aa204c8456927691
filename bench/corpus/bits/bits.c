/* Summaries of a word buffer built from the bit helpers: total set bits, and in place each
   word replaced by its reversal; returns the set-bit total plus the smallest leading-zero
   count in bits 16+. */
#include <stdint.h>

uint32_t popcount32(uint32_t x);
uint32_t reverse32(uint32_t x);
uint32_t clz32(uint32_t x);

uint32_t bits_scan(uint32_t *words, uint32_t n) {
    uint32_t total = 0, minclz = 32;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t w = words[i];
        total += popcount32(w);
        uint32_t z = clz32(w);
        if (z < minclz) minclz = z;
        words[i] = reverse32(w);
    }
    return total | (minclz << 16);
}

uint32_t bits_log2(uint32_t x) {
    return x == 0 ? 0xFFFFFFFFu : 31 - clz32(x);
}
