/* Insertion sort of a small block of readings, then the median. */
#include <stdint.h>

int32_t reading_before(int16_t a, int16_t b);

int32_t sort_readings(int16_t *v, uint32_t n) {
    for (uint32_t i = 1; i < n; i++) {
        int16_t x = v[i];
        uint32_t j = i;
        while (j > 0 && reading_before(x, v[j - 1])) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    return n == 0 ? 0 : v[n / 2];
}
