/* Polynomial evaluation by Horner's rule in double precision. */
#include <stdint.h>

double horner(const double *c, uint32_t degree, double x) {
    double r = c[degree];
    for (uint32_t i = degree; i-- > 0;) r = r * x + c[i];
    return r;
}
