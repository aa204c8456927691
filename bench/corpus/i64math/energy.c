/* An energy meter: accumulate scaled 64-bit products of paired samples, track the peak,
   and report whether the total crossed a threshold. */
#include <stdint.h>

int64_t mul_q32(int64_t a, int32_t b);
int64_t add_sat64(int64_t a, int64_t b);

int64_t energy_accumulate(const int32_t *v, const int32_t *i, uint32_t n, int64_t start) {
    int64_t total = start;
    for (uint32_t k = 0; k < n; k++) {
        int64_t p = (int64_t)(v[k] >> 8) * (int64_t)(i[k] >> 8); /* < 2^48 */
        total = add_sat64(total, mul_q32(p >> 8, 0x40000000) + (p & 0xFF));
    }
    return total;
}

uint32_t energy_bucket(uint64_t total, uint32_t shift) {
    uint64_t t = total >> (shift & 63);
    uint32_t bucket = 0;
    while (t > 0xFFFF && bucket < 64) { t >>= 4; bucket++; }
    return bucket << 16 | (uint32_t)t;
}
