/* Checksums of a received block: Adler-32 of the whole block, and Fletcher-16 of its two
   halves packed into one word. */
#include <stdint.h>

uint32_t adler32_update(uint32_t adler, const uint8_t *p, uint32_t n);
uint16_t fletcher16(const uint8_t *p, uint32_t n);

uint32_t checksum_adler32(const uint8_t *p, uint32_t n) { return adler32_update(1, p, n); }

uint32_t checksum_halves(const uint8_t *p, uint32_t n) {
    uint32_t half = n / 2;
    return (uint32_t)fletcher16(p, half) << 16 | fletcher16(p + half, n - half);
}
