/* RMS level of a block of 16-bit samples after low-pass filtering, in float, with a Newton
   square root (no libm). */
#include <stdint.h>

float lowpass_step(float *state, float x, float alpha);

static float sqrt_newton(float x) {
    if (x <= 0.0f) return 0.0f;
    float r = x > 1.0f ? x * 0.5f : 1.0f;
    for (int k = 0; k < 12; k++) r = 0.5f * (r + x / r);
    return r;
}

float fmath_rms(const int16_t *v, uint32_t n, float alpha) {
    if (n == 0) return 0.0f;
    float state = 0.0f, acc = 0.0f;
    for (uint32_t i = 0; i < n; i++) {
        float y = lowpass_step(&state, (float)v[i] * (1.0f / 32768.0f), alpha);
        acc += y * y;
    }
    return sqrt_newton(acc / (float)n);
}
