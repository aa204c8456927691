/* Ordering of readings: by magnitude, then by sign (negative first). */
#include <stdint.h>

int32_t reading_before(int16_t a, int16_t b) {
    int32_t ma = a < 0 ? -(int32_t)a : a;
    int32_t mb = b < 0 ? -(int32_t)b : b;
    if (ma != mb) return ma < mb;
    return a < b;
}
