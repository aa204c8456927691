/* The format engine: parses each conversion specification (flags, width, precision, length
   modifier, conversion) and fetches its argument from varargs or from an argument block. */
#include "pf.h"

static uint32_t load32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The next 32-bit word of the block; 0 with *ok cleared when the block is exhausted. */
static uint32_t next_word(struct pf_args *a, uint8_t *ok) {
    if (a->pos > a->size || a->size - a->pos < 4) {
        *ok = 0;
        return 0;
    }
    uint32_t w = load32(a->block + a->pos);
    a->pos += 4;
    return w;
}

/* An int argument (a '*' width or precision, or a %c). */
static int32_t fetch_int(struct pf_args *a, uint8_t *ok) {
    if (!a->from_block) return va_arg(a->ap, int);
    uint32_t w = next_word(a, ok);
    return w <= 0x7FFFFFFFu ? (int32_t)w : -(int32_t)(~w) - 1;
}

/* An integer argument of the given length, as 64 bits (sign-extended for signed ones). */
static uint64_t fetch_integer(struct pf_args *a, uint8_t length, uint8_t is_signed, uint8_t *ok) {
    uint64_t v;
    if (a->from_block) {
        uint32_t lo = next_word(a, ok);
        if (length == PF_LEN_LL) v = (uint64_t)next_word(a, ok) << 32 | lo;
        else v = lo;
    } else if (length == PF_LEN_LL) {
        v = is_signed ? (uint64_t)va_arg(a->ap, long long) : va_arg(a->ap, unsigned long long);
    } else if (length == PF_LEN_L) {
        v = is_signed ? (uint64_t)(int64_t)va_arg(a->ap, long) : (uint64_t)va_arg(a->ap, unsigned long);
    } else {
        v = is_signed ? (uint64_t)(int64_t)va_arg(a->ap, int) : (uint64_t)va_arg(a->ap, unsigned int);
    }
    /* Narrow to the argument's type, then widen back. */
    switch (length) {
    case PF_LEN_HH: v &= 0xFF; if (is_signed && (v & 0x80)) v |= ~(uint64_t)0xFF; break;
    case PF_LEN_H: v &= 0xFFFF; if (is_signed && (v & 0x8000)) v |= ~(uint64_t)0xFFFF; break;
    case PF_LEN_LL: break;
    default: v &= 0xFFFFFFFFu; if (is_signed && (v & 0x80000000u)) v |= ~(uint64_t)0xFFFFFFFFu; break;
    }
    return v;
}

/* Parses a decimal field (width or precision); PF_MAX_FIELD or more is out of range. */
static const uint8_t *parse_field(const uint8_t *f, const uint8_t *end, uint32_t *out) {
    uint32_t v = 0;
    while (f < end && *f >= '0' && *f <= '9') {
        if (v < PF_MAX_FIELD) v = v * 10 + (uint32_t)(*f - '0');
        f++;
    }
    *out = v;
    return f;
}

/* Parses one specification after its '%'. Returns where it ends, or 0 when malformed. */
static const uint8_t *parse_spec(const uint8_t *f, const uint8_t *end, struct pf_spec *sp, struct pf_args *a,
                                 uint8_t *ok) {
    sp->minus = sp->plus = sp->space = sp->hash = sp->zero = 0;
    sp->length = PF_LEN_NONE;
    sp->has_prec = 0;
    sp->width = 0;
    sp->prec = 0;
    for (; f < end; f++) {
        if (*f == '-') sp->minus = 1;
        else if (*f == '+') sp->plus = 1;
        else if (*f == ' ') sp->space = 1;
        else if (*f == '#') sp->hash = 1;
        else if (*f == '0') sp->zero = 1;
        else break;
    }
    if (f < end && *f == '*') {
        int32_t w = fetch_int(a, ok);
        if (w < 0) {
            sp->minus = 1;
            sp->width = w == INT32_MIN ? PF_MAX_FIELD : (uint32_t)(-w);
        } else {
            sp->width = (uint32_t)w;
        }
        f++;
    } else {
        f = parse_field(f, end, &sp->width);
    }
    if (f < end && *f == '.') {
        f++;
        sp->has_prec = 1;
        if (f < end && *f == '*') {
            int32_t p = fetch_int(a, ok);
            if (p < 0) sp->has_prec = 0; /* a negative precision is taken as omitted */
            else sp->prec = (uint32_t)p;
            f++;
        } else {
            f = parse_field(f, end, &sp->prec);
        }
    }
    if (f < end) {
        switch (*f) {
        case 'h':
            f++;
            if (f < end && *f == 'h') { sp->length = PF_LEN_HH; f++; }
            else sp->length = PF_LEN_H;
            break;
        case 'l':
            f++;
            if (f < end && *f == 'l') { sp->length = PF_LEN_LL; f++; }
            else sp->length = PF_LEN_L;
            break;
        case 'j': sp->length = PF_LEN_LL; f++; break;
        case 'z':
        case 't': sp->length = PF_LEN_L; f++; break;
        default: break;
        }
    }
    if (f >= end || *f == 0) return 0;
    sp->conv = *f;
    return f + 1;
}

static uint32_t string_length(const uint8_t *p, uint32_t max) {
    uint32_t n = 0;
    while (n < max && p[n] != 0) n++;
    return n;
}

static const uint8_t null_text[] = {'(', 'n', 'u', 'l', 'l', ')'};

/* Formats `fmt` (up to its NUL or `fmt_max` bytes) into `s`. */
int32_t pf_engine(struct pf_sink *s, const uint8_t *fmt, uint32_t fmt_max, struct pf_args *a) {
    const uint8_t *end = fmt + string_length(fmt, fmt_max);
    const uint8_t *f = fmt;
    uint8_t ok = 1;
    struct pf_spec sp;
    while (f < end) {
        const uint8_t *run = f;
        while (f < end && *f != '%') f++;
        pf_write(s, run, (uint32_t)(f - run));
        if (f == end) break;
        f = parse_spec(f + 1, end, &sp, a, &ok);
        if (f == 0) return PF_EFORMAT;
        if (sp.width >= PF_MAX_FIELD || (sp.has_prec && sp.prec >= PF_MAX_FIELD)) return PF_ERANGE;
        switch (sp.conv) {
        case 'd':
        case 'i': {
            uint64_t v = fetch_integer(a, sp.length, 1, &ok);
            uint8_t negative = (v >> 63) != 0;
            pf_emit_integer(s, &sp, negative ? 0 - v : v, negative);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            pf_emit_integer(s, &sp, fetch_integer(a, sp.length, 0, &ok), 0);
            break;
        case 'p':
            if (a->from_block) {
                pf_emit_integer(s, &sp, next_word(a, &ok), 0);
            } else {
                /* A real pointer's value means nothing to the reader of a log: only whether
                   it is null is printed, as the block form prints its word. */
                const void *p = va_arg(a->ap, const void *);
                pf_emit_integer(s, &sp, p != 0, 0);
            }
            break;
        case 'c': {
            uint8_t c = (uint8_t)fetch_int(a, &ok);
            pf_emit_string(s, &sp, &c, 1);
            break;
        }
        case 's': {
            const uint8_t *p;
            uint32_t limit = sp.has_prec ? sp.prec : 0xFFFFFFFFu;
            if (a->from_block) {
                uint32_t offset = next_word(a, &ok);
                if (offset == 0xFFFFFFFFu) {
                    p = null_text;
                    limit = limit < sizeof null_text ? limit : sizeof null_text;
                } else if (offset >= a->size) {
                    return PF_EARGS;
                } else {
                    p = a->block + offset;
                    uint32_t room = a->size - offset;
                    limit = limit < room ? limit : room;
                }
            } else {
                p = va_arg(a->ap, const uint8_t *);
                if (p == 0) {
                    p = null_text;
                    limit = limit < sizeof null_text ? limit : sizeof null_text;
                }
            }
            pf_emit_string(s, &sp, p, string_length(p, limit));
            break;
        }
        case '%': pf_put(s, '%'); break;
        default: return PF_EFORMAT;
        }
        if (!ok) return PF_EARGS;
    }
    return pf_finish(s);
}

int32_t pf_vsnprintf(uint8_t *out, uint32_t cap, const char *fmt, va_list ap) {
    struct pf_sink s;
    struct pf_args a;
    pf_sink_init(&s, out, cap);
    a.from_block = 0;
    a.block = 0;
    a.size = 0;
    a.pos = 0;
    va_copy(a.ap, ap);
    int32_t r = pf_engine(&s, (const uint8_t *)fmt, 0xFFFFFFFFu, &a);
    va_end(a.ap);
    return r;
}

int32_t pf_snprintf(uint8_t *out, uint32_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int32_t r = pf_vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    return r;
}

/* Hot export: formats `fmt` with the arguments of a block of `size` bytes into `out`. */
int32_t pf_format(uint8_t *out, uint32_t cap, const uint8_t *fmt, const uint8_t *block, uint32_t size) {
    struct pf_sink s;
    struct pf_args a;
    pf_sink_init(&s, out, cap);
    a.from_block = 1;
    a.block = block;
    a.size = size;
    a.pos = 0;
    return pf_engine(&s, fmt, 0xFFFFFFFFu, &a);
}
