/* The two alphabets of RFC 4648 (Table 1 and Table 2), as a symbol lookup and a decoding table. */
#include "b64.h"

static const char standard[64] = {
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P',
    'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'a', 'b', 'c', 'd', 'e', 'f',
    'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v',
    'w', 'x', 'y', 'z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '/',
};

/* 0xff: not in either alphabet; 62 and 63 are filled in by the alphabet asked for. */
static const uint8_t decoding[128] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    52,   53,   54,   55,   56,   57,   58,   59,   60,   61,   0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0,    1,    2,    3,    4,    5,    6,    7,    8,    9,    10,   11,   12,   13,   14,
    15,   16,   17,   18,   19,   20,   21,   22,   23,   24,   25,   0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 26,   27,   28,   29,   30,   31,   32,   33,   34,   35,   36,   37,   38,   39,   40,
    41,   42,   43,   44,   45,   46,   47,   48,   49,   50,   51,   0xff, 0xff, 0xff, 0xff, 0xff,
};

char b64_symbol(uint32_t value, uint32_t flags) {
    value &= 63;
    if (flags & B64_URL) {
        if (value == 62) {
            return '-';
        }
        if (value == 63) {
            return '_';
        }
    }
    return standard[value];
}

int b64_value(uint8_t c, uint32_t flags) {
    if (flags & B64_URL) {
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
    } else {
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
    }
    if (c >= 128 || decoding[c] == 0xff) {
        return -1;
    }
    return decoding[c];
}

int b64_is_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
