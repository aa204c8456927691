/* Magnitudes of complex bins (an integer square root of re^2 + im^2) and the peak. */
#include "fft.h"

/* floor(sqrt(x)), bit by bit. */
uint32_t fft_isqrt(uint32_t x) {
    uint32_t root = 0;
    uint32_t bit = 1u << 30;
    while (bit > x) {
        bit >>= 2;
    }
    while (bit != 0) {
        if (x >= root + bit) {
            x -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    return root;
}

/* out[k] = |data[k]| for k < bins; returns the index of the largest after bin 0 (the DC bin
 * is skipped), the first one on a tie; 0 when bins < 2. */
int fft_magnitude(const int16_t *data, uint32_t bins, uint16_t *out) {
    uint32_t peak = 0, best = 0;
    for (uint32_t k = 0; k < bins; k++) {
        int32_t re = data[2 * k], im = data[2 * k + 1];
        uint32_t power = (uint32_t)(re * re) + (uint32_t)(im * im);
        uint32_t m = fft_isqrt(power);
        out[k] = (uint16_t)(m > 0xffff ? 0xffff : m);
        if (k > 0 && m > best) {
            best = m;
            peak = k;
        }
    }
    return (int)peak;
}
