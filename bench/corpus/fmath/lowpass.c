/* A first-order float low-pass filter. */
#include <stdint.h>

float lowpass_step(float *state, float x, float alpha) {
    *state = *state + alpha * (x - *state);
    return *state;
}
