/* The allocator's core: the arena, block tags, the segregated free lists, malloc and free. */
#include "heap.h"

static uint32_t arena[ARENA_BYTES / 4];
static uint32_t end;                 /* bytes of the arena in use: the epilogue ends here */
static uint32_t heads[NCLASSES];     /* each class's first free block, 0 when empty */

uint32_t hp_word(uint32_t offset) { return arena[offset / 4]; }
void hp_set_word(uint32_t offset, uint32_t value) { arena[offset / 4] = value; }
uint8_t *hp_bytes(uint32_t offset) { return (uint8_t *)arena + offset; }
uint32_t hp_end(void) { return end; }
uint32_t hp_list_head(uint32_t cls) { return heads[cls]; }

uint32_t hp_block_size(uint32_t block) { return hp_word(block) & ~7u; }
uint32_t hp_is_used(uint32_t block) { return hp_word(block) & 1u; }

void hp_set_block(uint32_t block, uint32_t size, uint32_t used) {
    hp_set_word(block, size | used);
    hp_set_word(block + size - 4, size | used);
}

/* Classes by powers of two: [16, 32), [32, 64), ... [2048, ...). */
uint32_t hp_class(uint32_t size) {
    uint32_t c = 0;
    for (uint32_t s = size >> 5; s != 0 && c < NCLASSES - 1; s >>= 1) c++;
    return c;
}

/* Free blocks are pushed on the front of their class's list. */
void hp_list_insert(uint32_t block) {
    uint32_t c = hp_class(hp_block_size(block));
    uint32_t head = heads[c];
    hp_set_word(block + 4, head);
    hp_set_word(block + 8, 0);
    if (head) hp_set_word(head + 8, block);
    heads[c] = block;
}

void hp_list_remove(uint32_t block) {
    uint32_t next = hp_word(block + 4), prev = hp_word(block + 8);
    if (prev) hp_set_word(prev + 4, next);
    else heads[hp_class(hp_block_size(block))] = next;
    if (next) hp_set_word(next + 8, prev);
}

/* Hot export: a fresh heap of `size` bytes (at most the arena, rounded down to 8). Returns
   the bytes of the first free block, or -1 when too small. */
int32_t heap_init(uint32_t size) {
    if (size > ARENA_BYTES) size = ARENA_BYTES;
    size &= ~7u;
    if (size < 64) return -1;
    end = size;
    for (uint32_t c = 0; c < NCLASSES; c++) heads[c] = 0;
    hp_set_word(0, 0);
    hp_set_block(4, 8, 1);             /* prologue */
    hp_set_word(end - 4, 1);           /* epilogue: size 0, used */
    hp_set_block(12, end - 16, 0);
    hp_list_insert(12);
    return (int32_t)(end - 16);
}

/* Block size for a request: payload plus header and footer, rounded to 8, at least the
   minimum; 0 when the request cannot fit at all. */
uint32_t hp_adjusted_size(uint32_t n) {
    if (n == 0 || n > ARENA_BYTES) return 0;
    uint32_t size = (n + 8 + 7) & ~7u;
    return size < MIN_BLOCK ? MIN_BLOCK : size;
}

/* Takes `size` bytes of the free block `block` (already off its list), returning the rest
   to the lists when it can stand as a block. */
static void place(uint32_t block, uint32_t size) {
    uint32_t total = hp_block_size(block);
    if (total - size >= MIN_BLOCK) {
        hp_set_block(block, size, 1);
        hp_set_block(block + size, total - size, 0);
        hp_list_insert(block + size);
    } else {
        hp_set_block(block, total, 1);
    }
}

/* Hot export: returns the payload's offset, or 0. */
uint32_t heap_malloc(uint32_t n) {
    uint32_t size = hp_adjusted_size(n);
    if (size == 0 || end == 0) return 0;
    for (uint32_t c = hp_class(size); c < NCLASSES; c++) {
        for (uint32_t b = heads[c]; b != 0; b = hp_word(b + 4)) {
            if (hp_block_size(b) >= size) {
                hp_list_remove(b);
                place(b, size);
                return b + 4;
            }
        }
    }
    return 0;
}

/* The block whose payload starts at `payload`, found by walking the heap (a debug heap's
   check against wild and interior pointers); 0 when there is none. */
uint32_t hp_find_block(uint32_t payload) {
    if (end == 0 || payload < 16 || payload >= end || (payload & 7)) return 0;
    for (uint32_t b = 12; b < end - 4;) {
        uint32_t size = hp_block_size(b);
        if (size < MIN_BLOCK || b + size > end - 4) return 0;
        if (b + 4 == payload) return b;
        if (b + 4 > payload) return 0;
        b += size;
    }
    return 0;
}

/* Merges a free block (on no list) with free neighbours; returns the merged block (on no
   list either). */
uint32_t hp_coalesce(uint32_t block) {
    uint32_t size = hp_block_size(block);
    uint32_t next = block + size;
    if (!hp_is_used(next)) {
        hp_list_remove(next);
        size += hp_block_size(next);
    }
    uint32_t prev_footer = hp_word(block - 4);
    if (!(prev_footer & 1)) {
        uint32_t prev = block - (prev_footer & ~7u);
        hp_list_remove(prev);
        size += prev_footer & ~7u;
        block = prev;
    }
    hp_set_block(block, size, 0);
    return block;
}

/* Hot export: 0, or HE_BADPTR / HE_DOUBLEFREE. Freeing null does nothing. */
int32_t heap_free(uint32_t payload) {
    if (payload == 0) return 0;
    uint32_t b = hp_find_block(payload);
    if (b == 0) return HE_BADPTR;
    if (!hp_is_used(b)) return HE_DOUBLEFREE;
    hp_set_block(b, hp_block_size(b), 0);
    hp_list_insert(hp_coalesce(b));
    return 0;
}
