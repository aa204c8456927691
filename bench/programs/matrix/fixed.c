/* Q16.16 primitives. Products and quotients go through 64 bits; anything that leaves the
   32-bit range saturates and is counted. Shifts of negative values are written as floor
   divisions so that nothing depends on the compiler. */
#include "fixed.h"

uint32_t saturations;

q16 q_sat(int64_t v) {
    if (v > Q_MAX) {
        saturations++;
        return Q_MAX;
    }
    if (v < Q_MIN) {
        saturations++;
        return Q_MIN;
    }
    return (q16)v;
}

/* v >> n rounding toward minus infinity, for either sign. */
int64_t q_asr(int64_t v, uint32_t n) { return v >= 0 ? v >> n : ~(~v >> n); }

q16 q_add(q16 a, q16 b) { return q_sat((int64_t)a + b); }
q16 q_sub(q16 a, q16 b) { return q_sat((int64_t)a - b); }
q16 q_abs(q16 a) { return a < 0 ? q_sat(-(int64_t)a) : a; }

/* Rounded to nearest (halves up). */
q16 q_mul(q16 a, q16 b) { return q_sat(q_asr((int64_t)a * b + 0x8000, 16)); }

/* Rounded to nearest (halves away from zero); division by zero saturates toward the
   dividend's sign. */
q16 q_div(q16 a, q16 b) {
    if (b == 0) {
        saturations++;
        return a >= 0 ? Q_MAX : Q_MIN;
    }
    int64_t n = (int64_t)a * Q_ONE;
    int64_t half = b > 0 ? b / 2 : -(int64_t)(b / 2);
    n += n >= 0 ? half : -half;
    return q_sat(n / b);
}

/* The square root of a non-negative value (0 for a negative one, counted). Bit by bit over
   the 48-bit radicand x * 2^16. */
q16 q_sqrt(q16 x) {
    if (x <= 0) {
        if (x < 0) saturations++;
        return 0;
    }
    uint64_t v = (uint64_t)x << 16, root = 0, bit = (uint64_t)1 << 46;
    while (bit > v) bit >>= 2;
    while (bit != 0) {
        if (v >= root + bit) {
            v -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    if (v > root) root++; /* round to nearest */
    return (q16)root;
}

/* A 64-bit accumulator of Q32.32 products, saturating at its own limits. */
int64_t acc_add(int64_t acc, int64_t v) {
    if (v > 0 && acc > INT64_MAX - v) {
        saturations++;
        return INT64_MAX;
    }
    if (v < 0 && acc < INT64_MIN - v) {
        saturations++;
        return INT64_MIN;
    }
    return acc + v;
}

q16 acc_result(int64_t acc) {
    if (acc > INT64_MAX - 0x8000) return q_sat(q_asr(acc, 16));
    return q_sat(q_asr(acc + 0x8000, 16));
}
