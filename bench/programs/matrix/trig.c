/* Trigonometry for the transforms: a quarter-wave sine table (65 entries, Q16.16) with
   linear interpolation; angles are binary (65536 to the turn). And the exported rotation of
   point clouds, and vector normalisation. */
#include "fixed.h"

static const int32_t quarter_sine[65] = {
    0, 1608, 3216, 4821, 6424, 8022, 9616, 11204,
    12785, 14359, 15924, 17479, 19024, 20557, 22078, 23586,
    25080, 26558, 28020, 29466, 30893, 32303, 33692, 35062,
    36410, 37736, 39040, 40320, 41576, 42806, 44011, 45190,
    46341, 47464, 48559, 49624, 50660, 51665, 52639, 53581,
    54491, 55368, 56212, 57022, 57798, 58538, 59244, 59914,
    60547, 61145, 61705, 62228, 62714, 63162, 63572, 63944,
    64277, 64571, 64827, 65043, 65220, 65358, 65457, 65516,
    65536,
};

/* sin over the first quadrant, `a` in [0, 16384]. */
static q16 sine_quadrant(uint32_t a) {
    uint32_t i = a >> 8, frac = a & 255;
    if (i >= 64) return quarter_sine[64];
    int32_t s0 = quarter_sine[i], s1 = quarter_sine[i + 1];
    return s0 + (int32_t)(((uint32_t)(s1 - s0) * frac + 128) >> 8);
}

q16 q_sin(uint32_t angle) {
    angle &= 0xFFFF;
    if (angle < 16384) return sine_quadrant(angle);
    if (angle < 32768) return sine_quadrant(32768 - angle);
    if (angle < 49152) return -sine_quadrant(angle - 32768);
    return -sine_quadrant(65536 - angle);
}

q16 q_cos(uint32_t angle) { return q_sin(angle + 16384); }

/* The rotation about one axis (0 x, 1 y, 2 z). */
static void rotation(q16 *r, uint32_t axis, uint32_t angle) {
    q16 s = q_sin(angle), c = q_cos(angle);
    m_identity(r, 3);
    uint32_t i = (axis + 1) % 3, j = (axis + 2) % 3;
    r[i * 3 + i] = c;
    r[i * 3 + j] = -s;
    r[j * 3 + i] = s;
    r[j * 3 + j] = c;
}

/* Hot export: rotates `n` points (x, y, z triples) by yaw (z), pitch (y) and roll (x), then
   translates them by `offset` (a triple); writes the 3x3 matrix used to `matrix`. Returns
   the saturations. */
int32_t mx_rotate_points(const q16 *points, uint32_t n, uint32_t yaw, uint32_t pitch, uint32_t roll, const q16 *offset,
                         q16 *matrix, q16 *out) {
    q16 rz[9], ry[9], rx[9], t[9];
    saturations = 0;
    rotation(rz, 2, yaw);
    rotation(ry, 1, pitch);
    rotation(rx, 0, roll);
    m_mul(rz, ry, t, 3, 3, 3);
    m_mul(t, rx, matrix, 3, 3, 3);
    for (uint32_t k = 0; k < n; k++) {
        q16 p[3];
        m_mul(matrix, points + 3 * k, p, 3, 3, 1);
        for (uint32_t c = 0; c < 3; c++) out[3 * k + c] = q_add(p[c], offset[c]);
    }
    return (int32_t)saturations;
}

/* Hot export: scales each of `n` vectors of `dim` components (dim up to 8) to unit length
   in place; a zero vector stays zero. Returns how many were zero. */
int32_t mx_normalize(q16 *v, uint32_t n, uint32_t dim) {
    int32_t zeros = 0;
    if (dim == 0 || dim > MAX_DIM) return -1;
    saturations = 0;
    for (uint32_t k = 0; k < n; k++) {
        q16 *x = v + k * dim;
        /* Scale down first so the sum of squares cannot saturate. */
        q16 big = 0;
        for (uint32_t c = 0; c < dim; c++)
            if (q_abs(x[c]) > big) big = q_abs(x[c]);
        if (big == 0) {
            zeros++;
            continue;
        }
        q16 scaled[MAX_DIM];
        int64_t sum = 0;
        for (uint32_t c = 0; c < dim; c++) {
            scaled[c] = q_div(x[c], big);
            sum = acc_add(sum, (int64_t)scaled[c] * scaled[c]);
        }
        q16 length = q_sqrt(acc_result(sum));
        for (uint32_t c = 0; c < dim; c++) x[c] = q_div(scaled[c], length);
    }
    return zeros;
}
