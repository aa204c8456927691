/* Sensor calibration: map raw 12-bit readings through a cubic in place (as millidegrees), and
   return the mean. The coefficients live here; the evaluation in its own unit. */
#include <stdint.h>

double horner(const double *c, uint32_t degree, double x);

static const double cubic[4] = {-40.0, 0.0625, 1.5e-6, -2.0e-10};

int32_t fpoly_calibrate(int32_t *raw, uint32_t n) {
    double sum = 0.0;
    for (uint32_t i = 0; i < n; i++) {
        double t = horner(cubic, 3, (double)(raw[i] & 0xFFF));
        int32_t milli = (int32_t)(t * 1000.0);
        raw[i] = milli;
        sum += t;
    }
    return n == 0 ? 0 : (int32_t)(sum * 1000.0 / (double)n);
}
