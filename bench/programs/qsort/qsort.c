/* Introsort over records of `size` bytes: quicksort with a median-of-three pivot and an
   explicit stack (the smaller side is pushed, so it stays shallow), runs of up to eight
   finished by insertion sort, and a heap sort for a range that has been split too often
   (so adversarial inputs stay O(n log n)). */
#include "sort.h"

#define SHORT_RUN 8
#define STACK_DEPTH 40

void swap_bytes(uint8_t *a, uint8_t *b, uint32_t size) {
    if (a == b) return;
    for (uint32_t i = 0; i < size; i++) {
        uint8_t t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

void insertion_sort(uint8_t *base, uint32_t n, uint32_t size, compare_fn cmp) {
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
            swap_bytes(base + (j - 1) * size, base + j * size, size);
}

/* Orders the first, middle and last records and leaves the median in the middle. */
static uint8_t *median_of_three(uint8_t *lo, uint8_t *mid, uint8_t *hi, uint32_t size, compare_fn cmp) {
    if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
    if (cmp(hi, mid) < 0) {
        swap_bytes(hi, mid, size);
        if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
    }
    return mid;
}

static uint32_t log2_floor(uint32_t n) {
    uint32_t r = 0;
    while (n >>= 1) r++;
    return r;
}

/* Partitions [0, n) around the median of three (Hoare's scheme, the pivot parked at the
   front); returns the pivot's final index. */
static uint32_t partition(uint8_t *base, uint32_t n, uint32_t size, compare_fn cmp) {
    uint8_t *pivot = median_of_three(base, base + (n / 2) * size, base + (n - 1) * size, size, cmp);
    swap_bytes(base, pivot, size);
    uint32_t i = 0, j = n;
    for (;;) {
        do i++; while (i < n && cmp(base + i * size, base) < 0);
        do j--; while (cmp(base + j * size, base) > 0);
        if (i >= j) break;
        swap_bytes(base + i * size, base + j * size, size);
    }
    swap_bytes(base, base + j * size, size);
    return j;
}

void q_sort(void *array, uint32_t n, uint32_t size, compare_fn cmp) {
    struct range {
        uint32_t lo, n, depth;
    } stack[STACK_DEPTH];
    uint32_t top = 0;
    uint8_t *base = array;
    if (n < 2 || size == 0) return;
    stack[top].lo = 0;
    stack[top].n = n;
    stack[top].depth = 2 * log2_floor(n);
    top++;
    while (top > 0) {
        top--;
        uint32_t lo = stack[top].lo, len = stack[top].n, depth = stack[top].depth;
        while (len > SHORT_RUN) {
            if (depth == 0) {
                heap_sort(base + lo * size, len, size, cmp);
                len = 0;
                break;
            }
            depth--;
            uint32_t p = partition(base + lo * size, len, size, cmp);
            uint32_t left = p, right = len - p - 1;
            /* Push the larger side, keep going on the smaller one. */
            if (left > right) {
                stack[top].lo = lo;
                stack[top].n = left;
                stack[top].depth = depth;
                lo = lo + p + 1;
                len = right;
            } else {
                stack[top].lo = lo + p + 1;
                stack[top].n = right;
                stack[top].depth = depth;
                len = left;
            }
            top++;
        }
        if (len > 1) insertion_sort(base + lo * size, len, size, cmp);
    }
}
