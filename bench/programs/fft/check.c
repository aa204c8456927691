/* Host check: the Q15 FFT against a double-precision DFT (scaled by 1/N) within a few LSBs,
 * forward then inverse, a tone's peak bin, and the integer square root. */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdio.h>
#include "fft.h"

static int failures;

int main(void) {
    static int16_t data[2 * 1024], orig[2 * 1024];
    uint32_t state = 1;
    for (uint32_t log2n = 1; log2n <= FFT_MAX_LOG2; log2n++) {
        uint32_t n = 1u << log2n;
        for (uint32_t i = 0; i < 2 * n; i++) {
            state = state * 1664525u + 1013904223u;
            orig[i] = data[i] = (int16_t)((int32_t)(state >> 16) - 32768);
        }
        fft_q15(data, log2n, 0);
        double worst = 0;
        for (uint32_t k = 0; k < n; k++) {
            double re = 0, im = 0;
            for (uint32_t t = 0; t < n; t++) {
                double a = -2 * M_PI * (double)k * t / n;
                re += orig[2 * t] * cos(a) - orig[2 * t + 1] * sin(a);
                im += orig[2 * t] * sin(a) + orig[2 * t + 1] * cos(a);
            }
            double e = fmax(fabs(re / n - data[2 * k]), fabs(im / n - data[2 * k + 1]));
            worst = fmax(worst, e);
        }
        if (worst > 1.0 + log2n) { printf("FAIL N=%u: error %.2f LSB\n", n, worst); failures++; }
    }
    for (uint32_t i = 0; i < 256; i++) {
        orig[i] = (int16_t)lround(12000 * cos(2 * M_PI * 37 * i / 256.0));
    }
    uint16_t mag[129];
    int peak = fft_spectrum(orig, 8, data, mag);
    if (peak != 37) { printf("FAIL tone peak %d\n", peak); failures++; }
    for (uint32_t x = 0; x < 5000000; x += 7) {
        uint32_t r = fft_isqrt(x);
        if (r * r > x || (r + 1) * (r + 1) <= x) { printf("FAIL isqrt %u\n", x); failures++; break; }
    }
    if (fft_isqrt(0xffffffffu) != 65535) { printf("FAIL isqrt max\n"); failures++; }
    if (fft_q15(data, 0, 0) != FFT_ERR_SIZE || fft_q15(data, 11, 0) != FFT_ERR_SIZE) { printf("FAIL size\n"); failures++; }
    printf("fft: %s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}
