/* A Hann window, and the whole spectrum of a block of real samples: window, FFT, magnitudes
 * of the N/2 + 1 bins, the peak. */
#include "fft.h"

/* s[stride * n] *= 0.5 - 0.5 cos(2 pi n / N) for n < N = 2^log2n. */
static void apply_hann(int16_t *s, uint32_t log2n, uint32_t stride) {
    uint32_t n = 1u << log2n;
    uint32_t step = FFT_TABLE_POINTS >> log2n;
    for (uint32_t i = 0; i < n; i++) {
        int32_t w = (32768 - (int32_t)fft_cos(i * step)) >> 1; /* 0 .. 32768 */
        int32_t p = (int32_t)s[stride * i] * w;
        s[stride * i] = fft_saturate((p + 0x4000) >> 15);
    }
}

int fft_window(int16_t *samples, uint32_t log2n) {
    if (log2n < 1 || log2n > FFT_MAX_LOG2) {
        return FFT_ERR_SIZE;
    }
    apply_hann(samples, log2n, 1);
    return 0;
}

/* work holds 2N int16 (the complex buffer); out gets N/2 + 1 magnitudes. Returns the peak bin. */
int fft_spectrum(const int16_t *samples, uint32_t log2n, int16_t *work, uint16_t *out) {
    if (log2n < 1 || log2n > FFT_MAX_LOG2) {
        return FFT_ERR_SIZE;
    }
    uint32_t n = 1u << log2n;
    for (uint32_t i = 0; i < n; i++) {
        work[2 * i] = samples[i];
        work[2 * i + 1] = 0;
    }
    apply_hann(work, log2n, 2);
    fft_q15(work, log2n, 0);
    return fft_magnitude(work, n / 2 + 1, out);
}
