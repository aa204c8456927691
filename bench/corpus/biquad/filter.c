/* Run a low-pass biquad over a block of samples in place; returns the block's peak. */
#include <stdint.h>
#include "biquad.h"

static struct biquad lowpass = {4096, 8192, 4096, -8192, 4096, 0, 0, 0, 0};

int32_t biquad_run(int16_t *samples, uint32_t n, uint32_t reset) {
    if (reset) lowpass.x1 = lowpass.x2 = lowpass.y1 = lowpass.y2 = 0;
    int32_t peak = 0;
    for (uint32_t i = 0; i < n; i++) {
        int16_t y = biquad_step(&lowpass, samples[i] >> 2);
        samples[i] = y;
        int32_t a = y < 0 ? -(int32_t)y : y;
        if (a > peak) peak = a;
    }
    return peak;
}
