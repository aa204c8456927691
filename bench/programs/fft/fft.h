/* A fixed-point (Q15) radix-2 FFT for sensor spectra, freestanding. */
#ifndef FFT_H
#define FFT_H
#include <stddef.h>
#include <stdint.h>

#define FFT_MAX_LOG2 10                 /* up to 1024 points */
#define FFT_TABLE_POINTS (1 << FFT_MAX_LOG2)
#define FFT_QUARTER (FFT_TABLE_POINTS / 4)

enum { FFT_ERR_SIZE = -1 };

/* fft_tables.c */
int16_t fft_sin(uint32_t index);  /* sin(2*pi*index/1024) in Q15, any index */
int16_t fft_cos(uint32_t index);
int16_t fft_saturate(int32_t x);
int16_t fft_mul_q15(int16_t a, int16_t b);

/* fft_core.c */
int fft_bitrev(int16_t *data, uint32_t log2n);
int fft_q15(int16_t *data, uint32_t log2n, uint32_t inverse);

/* fft_mag.c */
uint32_t fft_isqrt(uint32_t x);
int fft_magnitude(const int16_t *data, uint32_t bins, uint16_t *out);

/* fft_window.c */
int fft_window(int16_t *samples, uint32_t log2n);
int fft_spectrum(const int16_t *samples, uint32_t log2n, int16_t *work, uint16_t *out);

#endif
