#pragma once
#include <stdint.h>

/* Coefficients (Q14) and state of one biquad section. */
struct biquad {
    int16_t b0, b1, b2, a1, a2;
    int16_t x1, x2, y1, y2;
};

int16_t biquad_step(struct biquad *f, int16_t x);
