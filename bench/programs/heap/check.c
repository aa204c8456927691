/* Integrity: walks every block (tags, sizes, no two free neighbours) and every free list
   (links both ways, the right class, nothing used, each free block once), and reports the
   heap's statistics. */
#include "heap.h"

#define CK_PROLOGUE (-10)
#define CK_TAGS (-11)
#define CK_SIZE (-12)
#define CK_ADJACENT_FREE (-13)
#define CK_LIST_LINK (-14)
#define CK_LIST_CLASS (-15)
#define CK_LIST_USED (-16)
#define CK_LIST_COUNT (-17)
#define CK_EPILOGUE (-18)

static void put32(uint8_t *p, uint32_t v) {
    for (uint32_t i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* Hot export: 0 when the heap is sound, else the first problem's CK_* code. `stats` (44
   bytes): free bytes, used bytes, free blocks, used blocks, largest free block, payload
   bytes in use, the heap's end, blocks walked, then a count per class (one byte each) and
   the classes' list lengths (one byte each). */
int32_t heap_check(uint8_t *stats) {
    uint32_t end = hp_end();
    uint32_t free_bytes = 0, used_bytes = 0, free_blocks = 0, used_blocks = 0, largest = 0, payload = 0, walked = 0;
    uint8_t per_class[NCLASSES], list_len[NCLASSES];
    int32_t status = 0;
    for (uint32_t c = 0; c < NCLASSES; c++) per_class[c] = list_len[c] = 0;
    if (end == 0) {
        status = CK_PROLOGUE;
        goto report;
    }
    if (hp_word(4) != 9 || hp_word(8) != 9) {
        status = CK_PROLOGUE;
        goto report;
    }
    uint32_t prev_free = 0;
    uint32_t b = 12;
    while (b < end - 4) {
        uint32_t h = hp_word(b), size = h & ~7u;
        if (size < MIN_BLOCK || (size & 7) || b + size > end - 4 || (h & 6)) {
            status = CK_SIZE;
            goto report;
        }
        if (hp_word(b + size - 4) != h) {
            status = CK_TAGS;
            goto report;
        }
        walked++;
        if (h & 1) {
            used_bytes += size;
            used_blocks++;
            payload += size - 8;
            prev_free = 0;
        } else {
            if (prev_free) {
                status = CK_ADJACENT_FREE;
                goto report;
            }
            free_bytes += size;
            free_blocks++;
            if (size > largest) largest = size;
            per_class[hp_class(size)]++;
            prev_free = 1;
        }
        b += size;
    }
    if (b != end - 4 || hp_word(end - 4) != 1) {
        status = CK_EPILOGUE;
        goto report;
    }
    for (uint32_t c = 0; c < NCLASSES; c++) {
        uint32_t prev = 0, n = 0;
        for (uint32_t f = hp_list_head(c); f != 0; f = hp_word(f + 4)) {
            if (f < 12 || f >= end - 4 || (f & 7) != 4 || hp_word(f + 8) != prev) {
                status = CK_LIST_LINK;
                goto report;
            }
            if (hp_is_used(f)) {
                status = CK_LIST_USED;
                goto report;
            }
            if (hp_class(hp_block_size(f)) != c) {
                status = CK_LIST_CLASS;
                goto report;
            }
            if (++n > free_blocks) {
                status = CK_LIST_COUNT;
                goto report;
            }
            prev = f;
        }
        list_len[c] = (uint8_t)n;
        if (n != per_class[c]) {
            status = CK_LIST_COUNT;
            goto report;
        }
    }
report:
    put32(stats, free_bytes);
    put32(stats + 4, used_bytes);
    put32(stats + 8, free_blocks);
    put32(stats + 12, used_blocks);
    put32(stats + 16, largest);
    put32(stats + 20, payload);
    put32(stats + 24, end);
    put32(stats + 28, walked);
    for (uint32_t c = 0; c < NCLASSES; c++) {
        stats[32 + c] = per_class[c];
        stats[40 + c] = list_len[c];
    }
    return status;
}

/* Hot export: the block map, four bytes a block: the header's offset / 8, then the size / 8
   with the used bit in bit 15 (16-bit little-endian each), up to `cap` bytes. Returns the
   number of blocks, or -1 when the walk finds a broken size. */
int32_t heap_map(uint8_t *out, uint32_t cap) {
    uint32_t end = hp_end(), n = 0;
    if (end == 0) return 0;
    for (uint32_t b = 12; b < end - 4;) {
        uint32_t size = hp_block_size(b);
        if (size < MIN_BLOCK || b + size > end - 4) return -1;
        if (4 * n + 4 <= cap) {
            uint32_t lo = b / 8, hi = size / 8 | hp_is_used(b) << 15;
            out[4 * n] = (uint8_t)lo;
            out[4 * n + 1] = (uint8_t)(lo >> 8);
            out[4 * n + 2] = (uint8_t)hi;
            out[4 * n + 3] = (uint8_t)(hi >> 8);
        }
        n++;
        b += size;
    }
    return (int32_t)n;
}
