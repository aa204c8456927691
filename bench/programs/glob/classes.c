/* Character sets: bitmaps of the 256 byte values, built from bracket expressions ([a-z],
   [!x], [^x], []x], [[:digit:]]) and from the regex escapes \d \w \s. */
#include "match.h"

void cs_clear(struct charset *s) {
    for (uint32_t i = 0; i < 8; i++) s->bits[i] = 0;
}

void cs_add(struct charset *s, uint8_t c) { s->bits[c >> 5] |= 1u << (c & 31); }

void cs_add_range(struct charset *s, uint8_t lo, uint8_t hi) {
    for (uint32_t c = lo; c <= hi; c++) cs_add(s, (uint8_t)c);
}

void cs_invert(struct charset *s) {
    for (uint32_t i = 0; i < 8; i++) s->bits[i] = ~s->bits[i];
}

int32_t cs_has(const struct charset *s, uint8_t c) { return (int32_t)(s->bits[c >> 5] >> (c & 31) & 1); }

uint8_t ascii_lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c; }

/* Both cases of every letter in the set. */
void cs_fold_case(struct charset *s) {
    for (uint8_t c = 'A'; c <= 'Z'; c++) {
        if (cs_has(s, c) || cs_has(s, (uint8_t)(c + 32))) {
            cs_add(s, c);
            cs_add(s, (uint8_t)(c + 32));
        }
    }
}

static int32_t same_name(const uint8_t *name, uint32_t len, const char *want) {
    uint32_t i = 0;
    for (; i < len; i++)
        if (want[i] == 0 || name[i] != (uint8_t)want[i]) return 0;
    return want[i] == 0;
}

/* A POSIX class by name ("digit" for [:digit:]); 0 when unknown. */
int32_t cs_add_named(struct charset *s, const uint8_t *name, uint32_t len) {
    if (same_name(name, len, "digit")) cs_add_range(s, '0', '9');
    else if (same_name(name, len, "upper")) cs_add_range(s, 'A', 'Z');
    else if (same_name(name, len, "lower")) cs_add_range(s, 'a', 'z');
    else if (same_name(name, len, "alpha")) { cs_add_range(s, 'A', 'Z'); cs_add_range(s, 'a', 'z'); }
    else if (same_name(name, len, "alnum")) { cs_add_range(s, '0', '9'); cs_add_range(s, 'A', 'Z'); cs_add_range(s, 'a', 'z'); }
    else if (same_name(name, len, "xdigit")) { cs_add_range(s, '0', '9'); cs_add_range(s, 'A', 'F'); cs_add_range(s, 'a', 'f'); }
    else if (same_name(name, len, "space")) { cs_add_range(s, '\t', '\r'); cs_add(s, ' '); }
    else if (same_name(name, len, "blank")) { cs_add(s, '\t'); cs_add(s, ' '); }
    else if (same_name(name, len, "punct")) {
        cs_add_range(s, '!', '/'); cs_add_range(s, ':', '@'); cs_add_range(s, '[', '`'); cs_add_range(s, '{', '~');
    } else if (same_name(name, len, "cntrl")) { cs_add_range(s, 0, 31); cs_add(s, 127); }
    else if (same_name(name, len, "print")) cs_add_range(s, ' ', '~');
    else if (same_name(name, len, "graph")) cs_add_range(s, '!', '~');
    else return 0;
    return 1;
}

int32_t is_escape_class(uint8_t e) {
    return e == 'd' || e == 'D' || e == 'w' || e == 'W' || e == 's' || e == 'S';
}

/* \d \w \s and their complements (ASCII, as Python's re.ASCII). */
void cs_add_escape(struct charset *s, uint8_t e) {
    struct charset t;
    cs_clear(&t);
    switch (e | 0x20) {
    case 'd': cs_add_range(&t, '0', '9'); break;
    case 'w': cs_add_range(&t, '0', '9'); cs_add_range(&t, 'A', 'Z'); cs_add_range(&t, 'a', 'z'); cs_add(&t, '_'); break;
    case 's': cs_add_range(&t, '\t', '\r'); cs_add(&t, ' '); break;
    default: break;
    }
    if (e >= 'A' && e <= 'Z') cs_invert(&t);
    for (uint32_t i = 0; i < 8; i++) s->bits[i] |= t.bits[i];
}

/* The body of a bracket expression. Glob: '!' or '^' negates, backslash escapes (unless
   G_NOESCAPE). Regex: '^' negates, backslash escapes and \d \w \s work inside. A ']' first
   is literal; "a-z" is a range (a '-' first or last is literal); [:name:] is a class (glob only). */
uint32_t parse_bracket(const uint8_t *p, struct charset *set, uint32_t flags, uint8_t regex) {
    uint32_t i = 0;
    uint8_t negate = 0;
    uint8_t escapes = regex || !(flags & G_NOESCAPE);
    cs_clear(set);
    if (p[i] == '^' || (!regex && p[i] == '!')) {
        negate = 1;
        i++;
    }
    uint32_t first = i;
    for (;;) {
        uint8_t c = p[i];
        if (c == 0) return 0;
        if (c == ']' && i > first) break;
        if (!regex && c == '[' && p[i + 1] == ':') {
            uint32_t j = i + 2;
            while (p[j] != 0 && !(p[j] == ':' && p[j + 1] == ']')) j++;
            if (p[j] != 0 && cs_add_named(set, p + i + 2, j - i - 2)) {
                i = j + 2;
                continue;
            }
        }
        uint8_t lo = c;
        i++;
        if (c == '\\' && escapes) {
            if (p[i] == 0) return 0;
            if (regex && is_escape_class(p[i])) {
                cs_add_escape(set, p[i]);
                i++;
                /* A class cannot start a range. */
                if (p[i] == '-' && p[i + 1] != ']' && p[i + 1] != 0) return 0;
                continue;
            }
            lo = p[i++];
        }
        if (p[i] == '-' && p[i + 1] != ']' && p[i + 1] != 0) {
            uint8_t hi = p[i + 1];
            i += 2;
            if (hi == '\\' && escapes) {
                if (p[i] == 0 || (regex && is_escape_class(p[i]))) return 0;
                hi = p[i++];
            }
            if (lo <= hi) cs_add_range(set, lo, hi);
            else if (regex) return 0; /* a reversed range is an error in a regex */
            continue;
        }
        cs_add(set, lo);
    }
    if ((flags & G_CASEFOLD)) cs_fold_case(set);
    if (negate) cs_invert(set);
    return i + 1;
}
