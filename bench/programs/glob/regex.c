/* A small regular-expression engine: compiled to a list of single-character atoms (a
   literal, '.', a set) each with a repetition (?, *, +, {m}, {m,}, {,n}, {m,n}, greedy or
   lazy with a trailing '?'), and the anchors ^ and $. Matching backtracks over the
   repetition counts, leftmost match first, as Perl and Python do; a step budget stops
   patterns that would backtrack for too long. */
#include "match.h"

#define MAX_NODES 48
#define MAX_SETS 8
#define STEP_LIMIT 20000
#define REP_MAX 255

enum { N_LITERAL, N_ANY, N_SET, N_BOL, N_EOL };

struct node {
    uint8_t kind;
    uint8_t value; /* the literal, or the set's index */
    uint8_t min, max; /* max REP_MAX means unbounded */
    uint8_t lazy;
};

struct program {
    struct node nodes[MAX_NODES];
    struct charset sets[MAX_SETS];
    uint32_t count, nsets;
    uint32_t steps;
    const uint8_t *text;
    uint32_t length;
};

/* Parses a decimal count; returns the digits read (0 when none). */
static uint32_t parse_count(const uint8_t *p, uint32_t *value) {
    uint32_t n = 0, v = 0;
    while (p[n] >= '0' && p[n] <= '9') {
        if (v <= 100000) v = v * 10 + (uint32_t)(p[n] - '0');
        n++;
    }
    *value = v;
    return n;
}

/* A brace repetition at `p` ("{...}"): its length, or 0 when it is not one (the '{' is then
   a literal). -1 in *min flags an error (min above max, or too large). */
static uint32_t parse_braces(const uint8_t *p, int32_t *min, uint32_t *max) {
    uint32_t i = 1, lo = 0, hi = 0;
    uint32_t nlo = parse_count(p + i, &lo);
    i += nlo;
    if (p[i] == '}') {
        if (nlo == 0) return 0;
        hi = lo;
    } else if (p[i] == ',') {
        i++;
        uint32_t nhi = parse_count(p + i, &hi);
        i += nhi;
        if (p[i] != '}') return 0;
        if (nhi == 0) hi = REP_MAX;
        else if (hi >= REP_MAX) { *min = -1; return i + 1; }
    } else {
        return 0;
    }
    if (lo > hi || lo >= REP_MAX) *min = -1;
    else *min = (int32_t)lo;
    *max = hi;
    return i + 1;
}

static int32_t compile(struct program *re, const uint8_t *p) {
    re->count = re->nsets = 0;
    uint32_t i = 0;
    while (p[i] != 0) {
        uint8_t c = p[i];
        if (c == '*' || c == '+' || c == '?') return RE_BADPATTERN; /* nothing to repeat */
        if (c == '(' || c == ')' || c == '|') return RE_BADPATTERN; /* groups are not supported */
        if (c == '{') {
            int32_t min;
            uint32_t max;
            if (parse_braces(p + i, &min, &max) != 0) return RE_BADPATTERN;
        }
        if (re->count == MAX_NODES) return RE_TOOLONG;
        struct node *n = &re->nodes[re->count++];
        n->min = n->max = 1;
        n->lazy = 0;
        i++;
        switch (c) {
        case '.': n->kind = N_ANY; break;
        case '^': n->kind = N_BOL; break;
        case '$': n->kind = N_EOL; break;
        case '[': {
            if (re->nsets == MAX_SETS) return RE_TOOLONG;
            uint32_t len = parse_bracket(p + i, &re->sets[re->nsets], 0, 1);
            if (len == 0) return RE_BADPATTERN;
            i += len;
            n->kind = N_SET;
            n->value = (uint8_t)re->nsets++;
            break;
        }
        case '\\': {
            uint8_t e = p[i++];
            if (e == 0) return RE_BADPATTERN;
            if (is_escape_class(e)) {
                if (re->nsets == MAX_SETS) return RE_TOOLONG;
                cs_clear(&re->sets[re->nsets]);
                cs_add_escape(&re->sets[re->nsets], e);
                n->kind = N_SET;
                n->value = (uint8_t)re->nsets++;
                break;
            }
            n->kind = N_LITERAL;
            switch (e) {
            case 'n': n->value = '\n'; break;
            case 't': n->value = '\t'; break;
            case 'r': n->value = '\r'; break;
            case 'f': n->value = '\f'; break;
            case 'v': n->value = '\v'; break;
            default:
                if ((e >= '0' && e <= '9') || ((e | 0x20) >= 'a' && (e | 0x20) <= 'z')) return RE_BADPATTERN;
                n->value = e;
                break;
            }
            break;
        }
        default: n->kind = N_LITERAL; n->value = c; break;
        }
        /* A repetition may follow (not after an anchor), then '?' for a lazy one. */
        uint8_t q = p[i];
        int32_t min = -2;
        uint32_t max = 0, width = 1;
        if (q == '*') { min = 0; max = REP_MAX; }
        else if (q == '+') { min = 1; max = REP_MAX; }
        else if (q == '?') { min = 0; max = 1; }
        else if (q == '{') {
            width = parse_braces(p + i, &min, &max);
            if (width == 0) min = -2;
        }
        if (min == -2) continue;
        if (min == -1 || n->kind == N_BOL || n->kind == N_EOL) return RE_BADPATTERN;
        i += width;
        n->min = (uint8_t)min;
        n->max = (uint8_t)max;
        if (p[i] == '?') {
            n->lazy = 1;
            i++;
        }
        if (p[i] == '*' || p[i] == '+' || p[i] == '?') return RE_BADPATTERN; /* multiple repeat */
        if (p[i] == '{') {
            int32_t m2;
            uint32_t x2;
            if (parse_braces(p + i, &m2, &x2) != 0) return RE_BADPATTERN;
        }
    }
    return 0;
}

static int32_t atom_matches(const struct program *re, const struct node *n, uint8_t c) {
    switch (n->kind) {
    case N_LITERAL: return c == n->value;
    case N_ANY: return c != '\n';
    case N_SET: return cs_has(&re->sets[n->value], c);
    default: return 0;
    }
}

/* Matches nodes from `i` at text position `t`: the end of the match plus one, 0 for no
   match, -1 when the step budget ran out. */
static int32_t match_here(struct program *re, uint32_t i, uint32_t t) {
    if (++re->steps > STEP_LIMIT) return -1;
    if (i == re->count) return (int32_t)t + 1;
    const struct node *n = &re->nodes[i];
    if (n->kind == N_BOL) return t == 0 ? match_here(re, i + 1, t) : 0;
    if (n->kind == N_EOL) return t == re->length ? match_here(re, i + 1, t) : 0;
    uint32_t limit = n->max == REP_MAX ? re->length - t : n->max;
    uint32_t have = 0;
    while (have < limit && t + have < re->length && atom_matches(re, n, re->text[t + have])) have++;
    if (have < n->min) return 0;
    if (n->lazy) {
        for (uint32_t k = n->min; k <= have; k++) {
            int32_t r = match_here(re, i + 1, t + k);
            if (r != 0) return r;
        }
    } else {
        for (uint32_t k = have + 1; k-- > n->min;) {
            int32_t r = match_here(re, i + 1, t + k);
            if (r != 0) return r;
        }
    }
    return 0;
}

static void put32(uint8_t *p, uint32_t v) {
    for (uint32_t i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* Hot export: the leftmost match of `pattern` in `text`. Returns its start and writes
   start and end to `span` (two little-endian words), or RE_NOMATCH, RE_BADPATTERN,
   RE_TOOLONG, RE_STEPS. */
int32_t re_search(const uint8_t *pattern, const uint8_t *text, uint8_t *span) {
    struct program re;
    int32_t status = compile(&re, pattern);
    if (status < 0) return status;
    re.text = text;
    re.length = 0;
    while (text[re.length] != 0) re.length++;
    re.steps = 0;
    uint32_t last = re.count > 0 && re.nodes[0].kind == N_BOL ? 0 : re.length;
    for (uint32_t start = 0; start <= last; start++) {
        int32_t r = match_here(&re, 0, start);
        if (r < 0) return RE_STEPS;
        if (r > 0) {
            put32(span, start);
            put32(span + 4, (uint32_t)r - 1);
            return (int32_t)start;
        }
    }
    return RE_NOMATCH;
}
