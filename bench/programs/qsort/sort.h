/* Generic sorting and searching over arrays of records of any size, with comparison
   callbacks (as the C library's qsort and bsearch), and the record types a data logger
   sorts. Shared declarations. */
#pragma once
#include <stddef.h>
#include <stdint.h>

typedef int32_t (*compare_fn)(const void *a, const void *b);

/* qsort.c: introsort (median-of-three quicksort, insertion sort for short runs, heap sort
   when the partitions degrade). */
void q_sort(void *base, uint32_t n, uint32_t size, compare_fn cmp);
void swap_bytes(uint8_t *a, uint8_t *b, uint32_t size);
void insertion_sort(uint8_t *base, uint32_t n, uint32_t size, compare_fn cmp);

/* msort.c: a stable in-place merge sort (merges by rotation) and a heap sort. */
void stable_sort(void *base, uint32_t n, uint32_t size, compare_fn cmp);
void heap_sort(void *base, uint32_t n, uint32_t size, compare_fn cmp);

/* search.c */
int32_t b_search(const void *key, const void *base, uint32_t n, uint32_t size, compare_fn cmp);
uint32_t lower_bound(const void *key, const void *base, uint32_t n, uint32_t size, compare_fn cmp);
uint32_t upper_bound(const void *key, const void *base, uint32_t n, uint32_t size, compare_fn cmp);

/* records.c */
#define NKINDS 9
uint32_t record_size(uint32_t kind);
compare_fn record_compare(uint32_t kind);
extern uint32_t compare_count;
