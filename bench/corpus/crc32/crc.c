/* CRC-32 of a buffer, and the check of a frame whose last four bytes hold its CRC. */
#include <stdint.h>

uint32_t crc32_byte(uint32_t crc, uint8_t byte);

uint32_t crc32(const uint8_t *data, uint32_t len) {
    uint32_t crc = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < len; i++) crc = crc32_byte(crc, data[i]);
    return ~crc;
}

int32_t crc32_frame_ok(const uint8_t *frame, uint32_t len) {
    if (len < 4) return -1;
    uint32_t expect = (uint32_t)frame[len - 4] | (uint32_t)frame[len - 3] << 8 |
                      (uint32_t)frame[len - 2] << 16 | (uint32_t)frame[len - 1] << 24;
    return crc32(frame, len - 4) == expect;
}
