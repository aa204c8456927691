/* One byte of the reflected CRC-32 (polynomial 0xEDB88320), bit by bit: no table in flash. */
#include <stdint.h>

uint32_t crc32_byte(uint32_t crc, uint8_t byte) {
    crc ^= byte;
    for (int k = 0; k < 8; k++) {
        uint32_t mask = -(crc & 1u);
        crc = (crc >> 1) ^ (0xEDB88320u & mask);
    }
    return crc;
}
