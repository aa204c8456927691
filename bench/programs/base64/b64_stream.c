/* A streaming encoder (input in pieces of any size, 0 to 2 bytes carried between calls in a
 * caller-held 4-byte state) and a round-trip self-test. */
#include "b64.h"

/* state[0]: bytes carried (0..2), state[1..2]: the bytes, state[3]: flags. */
int b64_stream_encode(uint8_t *state, const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap) {
    uint32_t carried = state[0];
    uint32_t flags = state[3];
    if (carried > 2) {
        return B64_ERR_ARG;
    }
    if ((carried + len) / 3 * 4 > cap) {
        return B64_ERR_SPACE;
    }
    uint8_t group[3];
    uint32_t k = carried;
    for (uint32_t i = 0; i < carried; i++) {
        group[i] = state[1 + i];
    }
    uint32_t at = 0;
    while (len > 0) {
        group[k++] = *src++;
        len--;
        if (k == 3) {
            at += (uint32_t)b64_encode(group, 3, dst + at, 4, flags);
            k = 0;
        }
    }
    /* What is left (fewer than 3 bytes) waits in the state. */
    state[0] = (uint8_t)k;
    for (uint32_t i = 0; i < k; i++) {
        state[1 + i] = group[i];
    }
    return (int)at;
}

int b64_stream_finish(uint8_t *state, uint8_t *dst, uint32_t cap) {
    uint32_t carried = state[0];
    if (carried > 2) {
        return B64_ERR_ARG;
    }
    int n = b64_encode(state + 1, carried, dst, cap, state[3]);
    if (n >= 0) {
        state[0] = 0;
    }
    return n;
}

/* Encodes src into work, decodes it back behind it and compares: the encoded length when the
 * round trip gives src back, an error otherwise. */
int b64_roundtrip(const uint8_t *src, uint32_t len, uint8_t *work, uint32_t cap, uint32_t flags) {
    int chars = b64_encode(src, len, work, cap, flags);
    if (chars < 0) {
        return chars;
    }
    uint8_t *back = work + chars;
    int n = b64_decode(work, (uint32_t)chars, back, cap - (uint32_t)chars, flags | B64_STRICT);
    if (n < 0) {
        return n;
    }
    if ((uint32_t)n != len) {
        return B64_ERR_LENGTH;
    }
    for (uint32_t i = 0; i < len; i++) {
        if (back[i] != src[i]) {
            return B64_ERR_CHAR;
        }
    }
    return chars;
}
