/* The hot path: summarize a block into one status word from its statistics. */
#include <stdint.h>
#include "stats.h"

uint32_t structret_summary(const int16_t *v, uint32_t n) {
    struct stats s = block_stats(v, n);
    if (n == 0) return 0;
    int32_t range = s.max - s.min;
    int32_t mean = s.sum / (int32_t)n;
    return ((uint32_t)range & 0xFFFF) << 16 | ((uint32_t)mean & 0xFF) << 8 | (s.negatives & 0xFF);
}
