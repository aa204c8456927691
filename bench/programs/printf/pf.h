/* A printf-style formatter for firmware logs: the shared declarations.

   The formatter reads its arguments from one of two sources: real C varargs (a va_list), or
   an explicit little-endian argument block in memory (what a host tool or a log decoder hands
   over: 32-bit words, two words for a 64-bit value, `%s` given as a byte offset into the
   block). Output goes to a bounded sink with snprintf semantics: at most cap-1 bytes and a
   terminating NUL, and the full length returned. */
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define PF_EFORMAT (-1)   /* malformed or unsupported conversion */
#define PF_EARGS (-2)     /* the argument block ran out */
#define PF_ERANGE (-3)    /* width or precision too large */
#define PF_MAX_FIELD 1000 /* widths and precisions stay below this */

struct pf_sink {
    uint8_t *buf;
    uint32_t cap;
    uint32_t len; /* bytes produced so far, including those that did not fit */
};

void pf_sink_init(struct pf_sink *s, uint8_t *buf, uint32_t cap);
void pf_put(struct pf_sink *s, uint8_t c);
void pf_repeat(struct pf_sink *s, uint8_t c, uint32_t n);
void pf_write(struct pf_sink *s, const uint8_t *p, uint32_t n);
int32_t pf_finish(struct pf_sink *s);

/* A parsed conversion specification. */
struct pf_spec {
    uint8_t minus, plus, space, hash, zero;
    uint8_t length;   /* PF_LEN_* */
    uint8_t conv;     /* the conversion character */
    uint8_t has_prec;
    uint32_t width;
    uint32_t prec;
};

enum { PF_LEN_NONE, PF_LEN_HH, PF_LEN_H, PF_LEN_L, PF_LEN_LL };

/* convert.c: digits and padded fields. */
uint32_t pf_utoa32(uint32_t v, uint32_t base, uint8_t upper, uint8_t *end);
uint32_t pf_utoa64(uint64_t v, uint32_t base, uint8_t upper, uint8_t *end);
void pf_emit_integer(struct pf_sink *s, const struct pf_spec *sp, uint64_t magnitude, uint8_t negative);
void pf_emit_string(struct pf_sink *s, const struct pf_spec *sp, const uint8_t *p, uint32_t n);

/* Where the arguments come from. */
struct pf_args {
    uint8_t from_block;
    const uint8_t *block; /* the argument block */
    uint32_t size;        /* its size in bytes */
    uint32_t pos;         /* the next word's byte offset */
    va_list ap;
};

/* format.c: the engine. Returns the full length, or a PF_E* error. */
int32_t pf_engine(struct pf_sink *s, const uint8_t *fmt, uint32_t fmt_max, struct pf_args *a);
int32_t pf_vsnprintf(uint8_t *out, uint32_t cap, const char *fmt, va_list ap);
int32_t pf_snprintf(uint8_t *out, uint32_t cap, const char *fmt, ...);
