/* A tiny command parser: lines of `<letter> <number>` where the number is decimal or 0x-hex,
   e.g. "S 1200\nG 0x1f\n". Each parsed command is stored as (letter << 24 | value & 0xFFFFFF)
   in `out` (up to `max`); returns the count, or -(offset+1) at the first malformed line. */
#include <stdint.h>

int32_t hex_value(uint8_t c);
int32_t is_space(uint8_t c);

int32_t parse_commands(const uint8_t *s, uint32_t n, uint32_t *out, uint32_t max) {
    uint32_t i = 0, count = 0;
    while (i < n && count < max) {
        uint8_t cmd = s[i];
        if (cmd == '\n') { i++; continue; }
        if (cmd < 'A' || cmd > 'Z') return -(int32_t)i - 1;
        i++;
        while (i < n && is_space(s[i])) i++;
        uint32_t base = 10, value = 0, digits = 0;
        if (i + 1 < n && s[i] == '0' && (s[i + 1] | 0x20) == 'x') { base = 16; i += 2; }
        while (i < n) {
            int32_t d = hex_value(s[i]);
            if (d < 0 || (uint32_t)d >= base) break;
            value = value * base + (uint32_t)d;
            digits++;
            i++;
        }
        if (digits == 0 || (i < n && s[i] != '\n')) return -(int32_t)i - 1;
        out[count++] = (uint32_t)cmd << 24 | (value & 0xFFFFFF);
    }
    return (int32_t)count;
}
