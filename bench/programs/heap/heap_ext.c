/* calloc and realloc on top of the core: zeroing, shrinking and growing in place, moving. */
#include "heap.h"

void hp_copy(uint32_t to, uint32_t from, uint32_t n) {
    uint8_t *d = hp_bytes(to);
    const uint8_t *s = hp_bytes(from);
    /* Word at a time while both are aligned (payloads are), then bytes. */
    uint32_t i = 0;
    if (((to | from) & 3) == 0)
        for (; i + 4 <= n; i += 4) hp_set_word(to + i, hp_word(from + i));
    for (; i < n; i++) d[i] = s[i];
}

void hp_zero(uint32_t to, uint32_t n) {
    uint8_t *d = hp_bytes(to);
    uint32_t i = 0;
    if ((to & 3) == 0)
        for (; i + 4 <= n; i += 4) hp_set_word(to + i, 0);
    for (; i < n; i++) d[i] = 0;
}

/* Hot export: `count` elements of `size` bytes, zeroed; 0 on overflow or when out of memory. */
uint32_t heap_calloc(uint32_t count, uint32_t size) {
    if (size != 0 && count > 0xFFFFFFFFu / size) return 0;
    uint32_t n = count * size;
    uint32_t p = heap_malloc(n);
    if (p) hp_zero(p, hp_block_size(p - 4) - 8);
    return p;
}

/* Gives the tail of a used block beyond `size` back to the heap, when it can be a block. */
static void trim(uint32_t block, uint32_t size) {
    uint32_t total = hp_block_size(block);
    if (total - size < MIN_BLOCK) return;
    hp_set_block(block, size, 1);
    uint32_t rest = block + size;
    hp_set_block(rest, total - size, 0);
    hp_list_insert(hp_coalesce(rest));
}

/* Hot export: resizes an allocation, in place when it can, else by moving it. Null
   allocates, size 0 frees (returning 0); on failure the old allocation stays. */
uint32_t heap_realloc(uint32_t payload, uint32_t n) {
    if (payload == 0) return heap_malloc(n);
    uint32_t b = hp_find_block(payload);
    if (b == 0 || !hp_is_used(b)) return 0;
    if (n == 0) {
        heap_free(payload);
        return 0;
    }
    uint32_t size = hp_adjusted_size(n);
    if (size == 0) return 0;
    uint32_t total = hp_block_size(b);
    if (size <= total) {
        trim(b, size);
        return payload;
    }
    uint32_t next = b + total;
    if (!hp_is_used(next) && total + hp_block_size(next) >= size) {
        hp_list_remove(next);
        hp_set_block(b, total + hp_block_size(next), 1);
        trim(b, size);
        return payload;
    }
    uint32_t moved = heap_malloc(n);
    if (moved == 0) return 0;
    hp_copy(moved, payload, total - 8);
    heap_free(payload);
    return moved;
}
