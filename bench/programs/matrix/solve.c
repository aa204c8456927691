/* Linear systems: LU decomposition with partial pivoting (Doolittle, in place, the row
   permutation kept aside), substitution, determinant, inverse; and the closed-form 3x3
   inverse by the adjugate, as a controller's fast path. */
#include "fixed.h"

/* A pivot below this (1/4096) counts as singular. */
#define TINY 16

/* Decomposes the n x n matrix in place into L (unit diagonal, below) and U (on and above);
   perm[i] is the original row now at i; *sign the permutation's parity. */
int32_t lu_decompose(q16 *a, uint8_t *perm, uint32_t n, int32_t *sign) {
    *sign = 1;
    for (uint32_t i = 0; i < n; i++) perm[i] = (uint8_t)i;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t p = k;
        for (uint32_t i = k + 1; i < n; i++)
            if (q_abs(a[i * n + k]) > q_abs(a[p * n + k])) p = i;
        if (q_abs(a[p * n + k]) < TINY) return M_SINGULAR;
        if (p != k) {
            for (uint32_t j = 0; j < n; j++) {
                q16 t = a[k * n + j];
                a[k * n + j] = a[p * n + j];
                a[p * n + j] = t;
            }
            uint8_t t = perm[k];
            perm[k] = perm[p];
            perm[p] = t;
            *sign = -*sign;
        }
        for (uint32_t i = k + 1; i < n; i++) {
            q16 l = q_div(a[i * n + k], a[k * n + k]);
            a[i * n + k] = l;
            for (uint32_t j = k + 1; j < n; j++) a[i * n + j] = q_sub(a[i * n + j], q_mul(l, a[k * n + j]));
        }
    }
    return M_OK;
}

/* Solves LU x = P b. */
void lu_substitute(const q16 *lu, const uint8_t *perm, const q16 *b, q16 *x, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        int64_t acc = (int64_t)b[perm[i]] * Q_ONE;
        for (uint32_t j = 0; j < i; j++) acc = acc_add(acc, -((int64_t)lu[i * n + j] * x[j]));
        x[i] = acc_result(acc);
    }
    for (uint32_t i = n; i-- > 0;) {
        int64_t acc = (int64_t)x[i] * Q_ONE;
        for (uint32_t j = i + 1; j < n; j++) acc = acc_add(acc, -((int64_t)lu[i * n + j] * x[j]));
        x[i] = q_div(acc_result(acc), lu[i * n + i]);
    }
}

/* Hot export: solves a x = b for an n x n system (n up to 8); `a` is left holding its LU
   factors. Returns M_OK, M_SINGULAR or M_SIZE, plus the saturations times 16. */
int32_t mx_solve(q16 *a, const q16 *b, q16 *x, uint32_t n) {
    uint8_t perm[MAX_DIM];
    int32_t sign;
    if (n == 0 || n > MAX_DIM) return M_SIZE;
    saturations = 0;
    if (lu_decompose(a, perm, n, &sign) != M_OK) return M_SINGULAR;
    lu_substitute(a, perm, b, x, n);
    return (int32_t)(saturations * 16);
}

/* Hot export: the determinant (saturating), through LU on a copy. */
q16 mx_det(const q16 *a, uint32_t n) {
    q16 lu[MAX_DIM * MAX_DIM];
    uint8_t perm[MAX_DIM];
    int32_t sign;
    if (n == 0 || n > MAX_DIM) return 0;
    saturations = 0;
    m_copy(a, lu, n * n);
    if (lu_decompose(lu, perm, n, &sign) != M_OK) return 0;
    q16 det = sign > 0 ? Q_ONE : -Q_ONE;
    for (uint32_t i = 0; i < n; i++) det = q_mul(det, lu[i * n + i]);
    return det;
}

/* Hot export: out = a^-1 (n up to 8), column by column through one LU. Returns M_OK (plus
   the saturations times 16), M_SINGULAR or M_SIZE. */
int32_t mx_inverse(const q16 *a, q16 *out, uint32_t n) {
    q16 lu[MAX_DIM * MAX_DIM], e[MAX_DIM], col[MAX_DIM];
    uint8_t perm[MAX_DIM];
    int32_t sign;
    if (n == 0 || n > MAX_DIM) return M_SIZE;
    saturations = 0;
    m_copy(a, lu, n * n);
    if (lu_decompose(lu, perm, n, &sign) != M_OK) return M_SINGULAR;
    for (uint32_t j = 0; j < n; j++) {
        for (uint32_t i = 0; i < n; i++) e[i] = i == j ? Q_ONE : 0;
        lu_substitute(lu, perm, e, col, n);
        for (uint32_t i = 0; i < n; i++) out[i * n + j] = col[i];
    }
    return (int32_t)(saturations * 16);
}

/* A 2x2 minor of a 3x3 matrix, in Q32.32. */
static int64_t minor(const q16 *a, uint32_t r0, uint32_t r1, uint32_t c0, uint32_t c1) {
    return acc_add((int64_t)a[r0 * 3 + c0] * a[r1 * 3 + c1], -((int64_t)a[r0 * 3 + c1] * a[r1 * 3 + c0]));
}

/* Hot export: the 3x3 inverse by cofactors over the determinant. Returns M_OK (plus the
   saturations times 16) or M_SINGULAR. */
int32_t mx_inverse3(const q16 *a, q16 *out) {
    saturations = 0;
    q16 cof[9];
    static const uint8_t rows[3][2] = {{1, 2}, {0, 2}, {0, 1}};
    for (uint32_t i = 0; i < 3; i++)
        for (uint32_t j = 0; j < 3; j++) {
            q16 c = acc_result(minor(a, rows[i][0], rows[i][1], rows[j][0], rows[j][1]));
            cof[i * 3 + j] = (i + j) & 1 ? q_sub(0, c) : c;
        }
    int64_t det = 0;
    for (uint32_t j = 0; j < 3; j++) det = acc_add(det, (int64_t)a[j] * cof[j]);
    q16 d = acc_result(det);
    if (q_abs(d) < TINY) return M_SINGULAR;
    for (uint32_t i = 0; i < 3; i++)
        for (uint32_t j = 0; j < 3; j++) out[i * 3 + j] = q_div(cof[j * 3 + i], d);
    return (int32_t)(saturations * 16);
}
