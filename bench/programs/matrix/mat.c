/* Matrix products (dot products accumulated in 64 bits, rounded once), transposes, and the
   exported matrix operations. */
#include "fixed.h"

void m_mul(const q16 *a, const q16 *b, q16 *out, uint32_t n, uint32_t m, uint32_t p) {
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < p; j++) {
            int64_t acc = 0;
            for (uint32_t k = 0; k < m; k++) acc = acc_add(acc, (int64_t)a[i * m + k] * b[k * p + j]);
            out[i * p + j] = acc_result(acc);
        }
}

void m_transpose(const q16 *a, q16 *out, uint32_t rows, uint32_t cols) {
    for (uint32_t i = 0; i < rows; i++)
        for (uint32_t j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
}

void m_identity(q16 *out, uint32_t n) {
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < n; j++) out[i * n + j] = i == j ? Q_ONE : 0;
}

void m_copy(const q16 *a, q16 *out, uint32_t count) {
    for (uint32_t i = 0; i < count; i++) out[i] = a[i];
}

/* Hot export: out (n x p) = a (n x m) * b (m x p), dimensions up to 16. Returns the
   saturations, or -1 for a bad size. */
int32_t mx_multiply(const q16 *a, const q16 *b, q16 *out, uint32_t n, uint32_t m, uint32_t p) {
    if (n == 0 || m == 0 || p == 0 || n > 16 || m > 16 || p > 16) return -1;
    saturations = 0;
    m_mul(a, b, out, n, m, p);
    return (int32_t)saturations;
}

/* Hot export: out = a^T, then out = out * a (the Gram matrix, cols x cols). Returns the
   saturations, or -1 for a bad size. */
int32_t mx_gram(const q16 *a, q16 *t, q16 *out, uint32_t rows, uint32_t cols) {
    if (rows == 0 || cols == 0 || rows > 16 || cols > 16) return -1;
    saturations = 0;
    m_transpose(a, t, rows, cols);
    m_mul(t, a, out, cols, rows, cols);
    return (int32_t)saturations;
}

/* Hot export: the elementwise primitives over `n` pairs (a, b): out gets a+b, a-b, a*b,
   a/b, sqrt(|a|) and sqrt(a) for each. Returns the saturations. */
int32_t mx_elementwise(const q16 *pairs, q16 *out, uint32_t n) {
    saturations = 0;
    for (uint32_t i = 0; i < n; i++) {
        q16 a = pairs[2 * i], b = pairs[2 * i + 1];
        out[6 * i] = q_add(a, b);
        out[6 * i + 1] = q_sub(a, b);
        out[6 * i + 2] = q_mul(a, b);
        out[6 * i + 3] = q_div(a, b);
        out[6 * i + 4] = q_sqrt(q_abs(a));
        out[6 * i + 5] = q_sqrt(a);
    }
    return (int32_t)saturations;
}
