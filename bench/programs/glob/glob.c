/* Shell globs: '*' (any run), '?' (any one), bracket expressions, backslash escapes, with
   fnmatch's flags. Linear-time matching with one backtrack point: the last '*' seen (an
   earlier star never needs to take more, since the later one can). Under G_PATHNAME a star
   stops at '/', so a backtrack that would cross one fails. */
#include "match.h"

static uint8_t fold(uint8_t c, uint32_t flags) { return flags & G_CASEFOLD ? ascii_lower(c) : c; }

/* A text position where a '.' must be matched literally. */
static int32_t leading(const uint8_t *text, uint32_t t, uint32_t flags) {
    if (!(flags & G_PERIOD) || text[t] != '.') return 0;
    return t == 0 || ((flags & G_PATHNAME) && text[t - 1] == '/');
}

/* Whether the single-character element at `pattern + p` matches `c`; sets *width to the
   element's length in the pattern. Returns -1 for a pattern ending in a lone backslash. */
static int32_t match_one(const uint8_t *pattern, uint32_t p, uint8_t c, uint32_t flags, uint32_t *width) {
    uint8_t pc = pattern[p];
    *width = 1;
    if (pc == '?') return !((flags & G_PATHNAME) && c == '/');
    if (pc == '[') {
        struct charset set;
        uint32_t n = parse_bracket(pattern + p + 1, &set, flags, 0);
        if (n > 0) {
            *width = n + 1;
            if ((flags & G_PATHNAME) && c == '/') return 0;
            return cs_has(&set, c);
        }
        /* An unclosed bracket is an ordinary '['. */
    }
    if (pc == '\\' && !(flags & G_NOESCAPE)) {
        if (pattern[p + 1] == 0) return -1;
        *width = 2;
        pc = pattern[p + 1];
    }
    return fold(pc, flags) == fold(c, flags);
}

/* Hot export: 1 when `text` matches `pattern` entirely, 0 when not, -1 for a malformed
   pattern (a trailing backslash). */
int32_t glob_match(const uint8_t *pattern, const uint8_t *text, uint32_t flags) {
    uint32_t p = 0, t = 0;
    uint32_t star_p = 0, star_t = 0;
    uint8_t have_star = 0;
    for (;;) {
        uint8_t pc = pattern[p];
        if (pc == '*') {
            if (leading(text, t, flags)) return 0;
            while (pattern[p] == '*') p++;
            have_star = 1;
            star_p = p;
            star_t = t;
            continue;
        }
        if (text[t] == 0) {
            if (pc == 0) return 1;
            return 0;
        }
        if (pc != 0) {
            uint32_t width;
            int32_t m = leading(text, t, flags) && pc != '.' && !(pc == '\\' && pattern[p + 1] == '.')
                            ? 0 : match_one(pattern, p, text[t], flags, &width);
            if (m < 0) return -1;
            if (m) {
                if (text[t] == '/' && (flags & G_PATHNAME)) have_star = 0; /* a star cannot reach back past it */
                p += width;
                t++;
                continue;
            }
        }
        /* Mismatch: the last star takes one more character, if it may. */
        if (!have_star) return 0;
        if ((flags & G_PATHNAME) && text[star_t] == '/') return 0;
        star_t++;
        t = star_t;
        p = star_p;
    }
}
