/* The bounded output sink: snprintf semantics (truncate, always terminate, count it all). */
#include "pf.h"

void pf_sink_init(struct pf_sink *s, uint8_t *buf, uint32_t cap) {
    s->buf = buf;
    s->cap = cap;
    s->len = 0;
}

void pf_put(struct pf_sink *s, uint8_t c) {
    if (s->len + 1 < s->cap) s->buf[s->len] = c;
    s->len++;
}

void pf_repeat(struct pf_sink *s, uint8_t c, uint32_t n) {
    while (n--) pf_put(s, c);
}

void pf_write(struct pf_sink *s, const uint8_t *p, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) pf_put(s, p[i]);
}

/* Terminates the output (at the end, or at the last byte that fits) and returns the length. */
int32_t pf_finish(struct pf_sink *s) {
    if (s->cap > 0) s->buf[s->len < s->cap ? s->len : s->cap - 1] = 0;
    return (int32_t)s->len;
}
