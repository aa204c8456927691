/* Q16.16 fixed-point arithmetic and matrices for a motion controller: saturating
   operations (each saturation counted), matrices in row-major order of int32 words.
   Shared declarations. */
#pragma once
#include <stdint.h>

typedef int32_t q16;

#define Q_ONE 65536
#define Q_MAX INT32_MAX
#define Q_MIN INT32_MIN
#define MAX_DIM 8

/* fixed.c */
extern uint32_t saturations;
q16 q_sat(int64_t v);
int64_t q_asr(int64_t v, uint32_t n);
q16 q_add(q16 a, q16 b);
q16 q_sub(q16 a, q16 b);
q16 q_mul(q16 a, q16 b);
q16 q_div(q16 a, q16 b);
q16 q_sqrt(q16 x);
q16 q_abs(q16 a);
int64_t acc_add(int64_t acc, int64_t v);
q16 acc_result(int64_t acc);

/* mat.c */
void m_mul(const q16 *a, const q16 *b, q16 *out, uint32_t n, uint32_t m, uint32_t p);
void m_transpose(const q16 *a, q16 *out, uint32_t rows, uint32_t cols);
void m_identity(q16 *out, uint32_t n);
void m_copy(const q16 *a, q16 *out, uint32_t count);

/* solve.c */
#define M_OK 0
#define M_SINGULAR (-1)
#define M_SIZE (-2)
int32_t lu_decompose(q16 *a, uint8_t *perm, uint32_t n, int32_t *sign);
void lu_substitute(const q16 *lu, const uint8_t *perm, const q16 *b, q16 *x, uint32_t n);

/* trig.c */
q16 q_sin(uint32_t angle);
q16 q_cos(uint32_t angle);
