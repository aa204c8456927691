/* Character classes and digit values for the command parser. */
#include <stdint.h>

int32_t hex_value(uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

int32_t is_space(uint8_t c) { return c == ' ' || c == '\t'; }
