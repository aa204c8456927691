/* Assemble an outgoing frame: header words, payload bytes, zero padding to a 16-byte multiple.
   `dst` must hold 8 + n + 15 bytes; returns the frame length. */
#include <stdint.h>

void copy_bytes(uint8_t *dst, const uint8_t *src, uint32_t n);
void fill_bytes(uint8_t *dst, uint8_t v, uint32_t n);
void copy_words(uint32_t *dst, const uint32_t *src, uint32_t n);

uint32_t memops_frame(uint8_t *dst, const uint8_t *src, uint32_t n, uint32_t tag) {
    uint32_t header[2] = {0xA55A0000u | (tag & 0xFFFF), n};
    copy_words((uint32_t *)dst, header, 2);
    copy_bytes(dst + 8, src, n);
    uint32_t total = (8 + n + 15) & ~15u;
    fill_bytes(dst + 8 + n, 0, total - 8 - n);
    return total;
}

void memops_move(uint8_t *buf, uint32_t from, uint32_t to, uint32_t n) {
    if (to < from) copy_bytes(buf + to, buf + from, n);
    else for (uint32_t i = n; i-- > 0;) buf[to + i] = buf[from + i];
}
