/* A stable sort without a buffer: insertion sort on blocks of 20, then merges of doubling
   width by SymMerge (Kim and Kutzner), which splits at a symmetric point by binary search
   and rotates; O(n log^2 n) comparisons at worst. And a heap sort, the introsort's fallback
   and an export of its own. */
#include "sort.h"

#define BLOCK 20

struct array {
    uint8_t *base;
    uint32_t size;
    compare_fn cmp;
};

static int32_t less(const struct array *a, uint32_t i, uint32_t j) {
    return a->cmp(a->base + i * a->size, a->base + j * a->size) < 0;
}

static void swap_at(const struct array *a, uint32_t i, uint32_t j) {
    swap_bytes(a->base + i * a->size, a->base + j * a->size, a->size);
}

static void swap_range(const struct array *a, uint32_t x, uint32_t y, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) swap_at(a, x + i, y + i);
}

/* Rotates [lo, hi) so that [mid, hi) comes first, by block swaps. */
static void rotate(const struct array *a, uint32_t lo, uint32_t mid, uint32_t hi) {
    uint32_t i = mid - lo, j = hi - mid;
    while (i != j) {
        if (i > j) {
            swap_range(a, mid - i, mid, j);
            i -= j;
        } else {
            swap_range(a, mid - i, mid + j - i, i);
            j -= i;
        }
    }
    swap_range(a, mid - i, mid, i);
}

/* Merges the sorted runs [lo, mid) and [mid, hi) in place, stably. */
static void sym_merge(const struct array *a, uint32_t lo, uint32_t mid, uint32_t hi) {
    if (mid - lo == 1) {
        /* One record on the left: binary search its place, bubble it there. */
        uint32_t i = mid, j = hi;
        while (i < j) {
            uint32_t h = i + (j - i) / 2;
            if (less(a, h, lo)) i = h + 1;
            else j = h;
        }
        for (uint32_t k = lo; k + 1 < i; k++) swap_at(a, k, k + 1);
        return;
    }
    if (hi - mid == 1) {
        uint32_t i = lo, j = mid;
        while (i < j) {
            uint32_t h = i + (j - i) / 2;
            if (!less(a, mid, h)) i = h + 1;
            else j = h;
        }
        for (uint32_t k = mid; k > i; k--) swap_at(a, k, k - 1);
        return;
    }
    uint32_t half = lo + (hi - lo) / 2;
    uint32_t n = half + mid;
    uint32_t start, r;
    if (mid > half) {
        start = n - hi;
        r = half;
    } else {
        start = lo;
        r = mid;
    }
    uint32_t p = n - 1;
    while (start < r) {
        uint32_t c = start + (r - start) / 2;
        if (!less(a, p - c, c)) start = c + 1;
        else r = c;
    }
    uint32_t end = n - start;
    if (start < mid && mid < end) rotate(a, start, mid, end);
    if (lo < start && start < half) sym_merge(a, lo, start, half);
    if (half < end && end < hi) sym_merge(a, half, end, hi);
}

void stable_sort(void *base, uint32_t n, uint32_t size, compare_fn cmp) {
    struct array a = {base, size, cmp};
    if (n < 2 || size == 0) return;
    uint32_t lo = 0;
    for (; lo + BLOCK <= n; lo += BLOCK) insertion_sort(a.base + lo * size, BLOCK, size, cmp);
    insertion_sort(a.base + lo * size, n - lo, size, cmp);
    for (uint32_t width = BLOCK; width < n; width *= 2) {
        uint32_t x = 0;
        for (; x + 2 * width <= n; x += 2 * width) sym_merge(&a, x, x + width, x + 2 * width);
        if (x + width < n) sym_merge(&a, x, x + width, n);
    }
}

static void sift_down(const struct array *a, uint32_t root, uint32_t n) {
    for (;;) {
        uint32_t child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && less(a, child, child + 1)) child++;
        if (!less(a, root, child)) return;
        swap_at(a, root, child);
        root = child;
    }
}

void heap_sort(void *base, uint32_t n, uint32_t size, compare_fn cmp) {
    struct array a = {base, size, cmp};
    if (n < 2) return;
    for (uint32_t i = n / 2; i-- > 0;) sift_down(&a, i, n);
    for (uint32_t i = n - 1; i > 0; i--) {
        swap_at(&a, 0, i);
        sift_down(&a, 0, i);
    }
}
