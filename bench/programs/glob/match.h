/* Pattern matching for a command shell or a file system: shell globs (fnmatch-style) and a
   small backtracking regular-expression engine. Strings are NUL-terminated bytes. */
#pragma once
#include <stdint.h>

/* Glob flags (as fnmatch's). */
#define G_NOESCAPE 1 /* backslash is an ordinary character */
#define G_PATHNAME 2 /* '/' is matched only by a '/' */
#define G_PERIOD 4   /* a leading '.' is matched only by a '.' */
#define G_CASEFOLD 8 /* ASCII letters match either case */

/* classes.c: 256-bit character sets, and bracket expressions. */
struct charset {
    uint32_t bits[8];
};
void cs_clear(struct charset *s);
void cs_add(struct charset *s, uint8_t c);
void cs_add_range(struct charset *s, uint8_t lo, uint8_t hi);
void cs_invert(struct charset *s);
int32_t cs_has(const struct charset *s, uint8_t c);
void cs_fold_case(struct charset *s);
int32_t cs_add_named(struct charset *s, const uint8_t *name, uint32_t len);
void cs_add_escape(struct charset *s, uint8_t e);
int32_t is_escape_class(uint8_t e);
uint8_t ascii_lower(uint8_t c);
/* Parses a bracket expression after its '['; returns its length up to and including the
   ']', or 0 when it does not close (the '[' is then an ordinary character). */
uint32_t parse_bracket(const uint8_t *p, struct charset *set, uint32_t flags, uint8_t regex);

/* glob.c */
int32_t glob_match(const uint8_t *pattern, const uint8_t *text, uint32_t flags);

/* regex.c */
#define RE_NOMATCH (-1)
#define RE_BADPATTERN (-2)
#define RE_TOOLONG (-3)
#define RE_STEPS (-4)
int32_t re_search(const uint8_t *pattern, const uint8_t *text, uint8_t *span);
