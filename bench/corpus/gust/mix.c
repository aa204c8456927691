/* The mixer: average two readings with rounding, then clamp to a 12-bit signed range. */
#include "gust.h"

int32_t mix(int32_t a, int32_t b) {
    int32_t m = (a + b + 1) >> 1;
    if (m < -2048) m = -2048;
    if (m > 2047) m = 2047;
    return m;
}
