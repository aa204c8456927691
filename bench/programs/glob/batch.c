/* Batches, as a shell or a log filter runs them: many pattern/text pairs in one buffer, and
   one pattern against a list of names. */
#include "match.h"

static uint32_t skip_string(const uint8_t *p, uint32_t i, uint32_t n) {
    while (i < n && p[i] != 0) i++;
    return i + 1;
}

/* Hot export. Records: a kind byte ('g' glob, 'r' regex), a flags byte, the pattern and the
   text, NUL-terminated, within `n` bytes. Each result goes to `out` as four bytes: the
   result (16-bit: 1/0 for a glob, the start or an error for a regex) and the regex match's
   end. Returns the number of matches, or -1 for a truncated record. */
int32_t match_batch(const uint8_t *buf, uint32_t n, uint8_t *out) {
    uint32_t i = 0, k = 0;
    int32_t matches = 0;
    while (i < n) {
        if (n - i < 4) return -1;
        uint8_t kind = buf[i], flags = buf[i + 1];
        uint32_t pattern = i + 2;
        uint32_t text = skip_string(buf, pattern, n);
        uint32_t next = skip_string(buf, text, n);
        if (text > n || next > n) return -1;
        int32_t r;
        uint32_t end = 0;
        if (kind == 'g') {
            r = glob_match(buf + pattern, buf + text, flags);
            matches += r == 1;
        } else if (kind == 'r') {
            uint8_t span[8] = {0, 0, 0, 0, 0, 0, 0, 0};
            r = re_search(buf + pattern, buf + text, span);
            end = (uint32_t)span[4] | (uint32_t)span[5] << 8;
            matches += r >= 0;
        } else {
            r = -100;
        }
        out[4 * k] = (uint8_t)r;
        out[4 * k + 1] = (uint8_t)((uint32_t)r >> 8);
        out[4 * k + 2] = (uint8_t)end;
        out[4 * k + 3] = (uint8_t)(end >> 8);
        k++;
        i = next;
    }
    return matches;
}

/* Hot export: which of the names (NUL-separated, an empty name ends the list) match the
   glob. Sets bit j of `hits` for name j (up to `max_names`); returns the number matched, or
   -1 for a malformed pattern. */
int32_t glob_filter(const uint8_t *pattern, const uint8_t *names, uint32_t flags, uint8_t *hits, uint32_t max_names) {
    int32_t count = 0;
    for (uint32_t j = 0; j < (max_names + 7) / 8; j++) hits[j] = 0;
    uint32_t at = 0;
    for (uint32_t j = 0; j < max_names && names[at] != 0; j++) {
        int32_t r = glob_match(pattern, names + at, flags);
        if (r < 0) return -1;
        if (r) {
            hits[j >> 3] = (uint8_t)(hits[j >> 3] | 1u << (j & 7));
            count++;
        }
        while (names[at] != 0) at++;
        at++;
    }
    return count;
}
