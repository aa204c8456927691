/* 64-bit helpers: a Q32 multiply and a saturating add. */
#include <stdint.h>

int64_t mul_q32(int64_t a, int32_t b) {
    /* (a * b) >> 32 without overflow for |a| < 2^40 */
    int64_t hi = (a >> 16) * b;
    int64_t lo = (int64_t)(uint16_t)a * b;
    return (hi + (lo >> 16)) >> 16;
}

int64_t add_sat64(int64_t a, int64_t b) {
    if (b > 0 && a > INT64_MAX - b) return INT64_MAX;
    if (b < 0 && a < INT64_MIN - b) return INT64_MIN;
    return a + b;
}
