/* In-place radix-2 decimation-in-time FFT on interleaved Q15 complex data: bit-reversal
 * permutation, then log2(N) stages of butterflies, each halving (so the output is X/N and
 * nothing overflows). */
#include "fft.h"

static uint32_t reverse_bits(uint32_t x, uint32_t bits) {
    uint32_t r = 0;
    for (uint32_t b = 0; b < bits; b++) {
        r = (r << 1) | (x & 1u);
        x >>= 1;
    }
    return r;
}

int fft_bitrev(int16_t *data, uint32_t log2n) {
    if (log2n < 1 || log2n > FFT_MAX_LOG2) {
        return FFT_ERR_SIZE;
    }
    uint32_t n = 1u << log2n;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t j = reverse_bits(i, log2n);
        if (j > i) {
            int16_t re = data[2 * i], im = data[2 * i + 1];
            data[2 * i] = data[2 * j];
            data[2 * i + 1] = data[2 * j + 1];
            data[2 * j] = re;
            data[2 * j + 1] = im;
        }
    }
    return 0;
}

/* One butterfly: (a, b) <- ((a + w*b) / 2, (a - w*b) / 2). */
static void butterfly(int16_t *a, int16_t *b, int16_t wr, int16_t wi) {
    int32_t tr = (int32_t)fft_mul_q15(wr, b[0]) - (int32_t)fft_mul_q15(wi, b[1]);
    int32_t ti = (int32_t)fft_mul_q15(wr, b[1]) + (int32_t)fft_mul_q15(wi, b[0]);
    int32_t ar = a[0], ai = a[1];
    a[0] = fft_saturate((ar + tr) >> 1);
    a[1] = fft_saturate((ai + ti) >> 1);
    b[0] = fft_saturate((ar - tr) >> 1);
    b[1] = fft_saturate((ai - ti) >> 1);
}

/* Forward (W = e^{-2 pi i k/N}) or inverse (its conjugate). Returns the number of stages. */
int fft_q15(int16_t *data, uint32_t log2n, uint32_t inverse) {
    if (fft_bitrev(data, log2n) != 0) {
        return FFT_ERR_SIZE;
    }
    uint32_t n = 1u << log2n;
    for (uint32_t half = 1, stage = 0; half < n; half <<= 1, stage++) {
        uint32_t stride = FFT_TABLE_POINTS / (2 * half); /* table steps per twiddle */
        for (uint32_t k = 0; k < half; k++) {
            int16_t wr = fft_cos(k * stride);
            int16_t s = fft_sin(k * stride);
            int16_t wi = inverse ? s : (int16_t)-s;
            for (uint32_t i = k; i < n; i += 2 * half) {
                butterfly(data + 2 * i, data + 2 * (i + half), wr, wi);
            }
        }
    }
    return (int)log2n;
}
