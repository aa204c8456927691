/* The exports: sort a buffer of records of a kind with one of the algorithms, check the
   order, search. Each sort returns the comparisons it made. */
#include "sort.h"

enum { ALG_QSORT, ALG_STABLE, ALG_HEAP, ALG_INSERTION };

static uint32_t sorted_by(uint32_t kind, const uint8_t *base, uint32_t n) {
    uint32_t size = record_size(kind);
    compare_fn cmp = record_compare(kind);
    for (uint32_t i = 1; i < n; i++)
        if (cmp(base + (i - 1) * size, base + i * size) > 0) return 0;
    return 1;
}

/* Hot export: sorts `n` records of `kind` with `algorithm`; returns the comparisons made, or
   -1 for an unknown kind or algorithm. */
int32_t qs_sort(uint32_t kind, uint32_t algorithm, uint8_t *base, uint32_t n) {
    compare_fn cmp = record_compare(kind);
    uint32_t size = record_size(kind);
    if (cmp == 0) return -1;
    compare_count = 0;
    switch (algorithm) {
    case ALG_QSORT: q_sort(base, n, size, cmp); break;
    case ALG_STABLE: stable_sort(base, n, size, cmp); break;
    case ALG_HEAP: heap_sort(base, n, size, cmp); break;
    case ALG_INSERTION: if (n > 1) insertion_sort(base, n, size, cmp); break;
    default: return -1;
    }
    return (int32_t)compare_count;
}

/* Hot export: 1 when the records are in order, 0 when not, -1 for an unknown kind. */
int32_t qs_is_sorted(uint32_t kind, const uint8_t *base, uint32_t n) {
    if (record_compare(kind) == 0) return -1;
    return (int32_t)sorted_by(kind, base, n);
}

static void put32(uint8_t *p, uint32_t v) {
    for (uint32_t i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* Hot export: looks each of `nkeys` keys (records of the kind, packed in `keys`) up in the
   sorted records; for each, writes three words to `out`: bsearch's index (or -1), the lower
   bound, the upper bound. Returns how many keys were found. */
int32_t qs_search(uint32_t kind, const uint8_t *base, uint32_t n, const uint8_t *keys, uint32_t nkeys, uint8_t *out) {
    compare_fn cmp = record_compare(kind);
    uint32_t size = record_size(kind);
    if (cmp == 0) return -1;
    int32_t found = 0;
    for (uint32_t k = 0; k < nkeys; k++) {
        const uint8_t *key = keys + k * size;
        int32_t at = b_search(key, base, n, size, cmp);
        found += at >= 0;
        put32(out + 12 * k, (uint32_t)at);
        put32(out + 12 * k + 4, lower_bound(key, base, n, size, cmp));
        put32(out + 12 * k + 8, upper_bound(key, base, n, size, cmp));
    }
    return found;
}

/* Hot export: sorts, then removes adjacent duplicates (records that compare equal), keeping
   the first of each run; returns the count left. */
int32_t qs_unique(uint32_t kind, uint8_t *base, uint32_t n) {
    compare_fn cmp = record_compare(kind);
    uint32_t size = record_size(kind);
    if (cmp == 0) return -1;
    if (n == 0) return 0;
    stable_sort(base, n, size, cmp);
    uint32_t out = 1;
    for (uint32_t i = 1; i < n; i++) {
        if (cmp(base + (out - 1) * size, base + i * size) == 0) continue;
        if (out != i)
            for (uint32_t b = 0; b < size; b++) base[out * size + b] = base[i * size + b];
        out++;
    }
    return (int32_t)out;
}
