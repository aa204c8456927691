/* Byte and word copy/fill loops, as a freestanding runtime provides them. */
#include <stdint.h>

void copy_bytes(uint8_t *dst, const uint8_t *src, uint32_t n) {
    while (n--) *dst++ = *src++;
}

void fill_bytes(uint8_t *dst, uint8_t v, uint32_t n) {
    while (n--) *dst++ = v;
}

void copy_words(uint32_t *dst, const uint32_t *src, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) dst[i] = src[i];
}
