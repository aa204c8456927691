/* Binary search, as bsearch (any equal record) and as the lower and upper bounds of the
   equal range. */
#include "sort.h"

int32_t b_search(const void *key, const void *base, uint32_t n, uint32_t size, compare_fn cmp) {
    const uint8_t *b = base;
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int32_t c = cmp(key, b + mid * size);
        if (c == 0) return (int32_t)mid;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return -1;
}

/* The first record not less than the key. */
uint32_t lower_bound(const void *key, const void *base, uint32_t n, uint32_t size, compare_fn cmp) {
    const uint8_t *b = base;
    uint32_t lo = 0;
    while (n > 0) {
        uint32_t half = n / 2;
        if (cmp(b + (lo + half) * size, key) < 0) {
            lo += half + 1;
            n -= half + 1;
        } else {
            n = half;
        }
    }
    return lo;
}

/* The first record greater than the key. */
uint32_t upper_bound(const void *key, const void *base, uint32_t n, uint32_t size, compare_fn cmp) {
    const uint8_t *b = base;
    uint32_t lo = 0;
    while (n > 0) {
        uint32_t half = n / 2;
        if (cmp(key, b + (lo + half) * size) >= 0) {
            lo += half + 1;
            n -= half + 1;
        } else {
            n = half;
        }
    }
    return lo;
}
