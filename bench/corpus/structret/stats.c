/* Block statistics returned as a struct (so LLVM's Wasm ABI passes it through memory). */
#include <stdint.h>
#include "stats.h"

struct stats block_stats(const int16_t *v, uint32_t n) {
    struct stats s = {32767, -32768, 0, 0};
    for (uint32_t i = 0; i < n; i++) {
        int16_t x = v[i];
        if (x < s.min) s.min = x;
        if (x > s.max) s.max = x;
        s.sum += x;
        if (x < 0) s.negatives++;
    }
    return s;
}
