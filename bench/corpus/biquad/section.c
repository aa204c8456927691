/* One direct-form-I biquad section in Q14 fixed point. */
#include <stdint.h>
#include "biquad.h"

int16_t biquad_step(struct biquad *f, int16_t x) {
    int32_t acc = (int32_t)f->b0 * x + (int32_t)f->b1 * f->x1 + (int32_t)f->b2 * f->x2
                - (int32_t)f->a1 * f->y1 - (int32_t)f->a2 * f->y2;
    acc >>= 14;
    if (acc > 32767) acc = 32767;
    if (acc < -32768) acc = -32768;
    f->x2 = f->x1;
    f->x1 = x;
    f->y2 = f->y1;
    f->y1 = (int16_t)acc;
    return (int16_t)acc;
}
