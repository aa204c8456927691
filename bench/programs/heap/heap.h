/* A small heap for firmware: boundary-tagged blocks over a static arena, segregated free
   lists (first fit within a size class, the next classes after), splitting and coalescing,
   calloc/realloc, and an integrity check. Allocations are named by their offset in the arena
   (0 is null), so nothing depends on where the arena lives.

   Block layout: a header word (size | used bit), the payload, a footer word (a copy of the
   header). A free block's payload holds its list links (next, prev offsets). Headers sit at
   offsets 4 mod 8, so payloads are 8-byte aligned. */
#pragma once
#include <stdint.h>

#define ARENA_BYTES 8192
#define MIN_BLOCK 16
#define NCLASSES 8

/* heap.c */
uint32_t hp_word(uint32_t offset);
void hp_set_word(uint32_t offset, uint32_t value);
uint8_t *hp_bytes(uint32_t offset);
uint32_t hp_end(void);
uint32_t hp_list_head(uint32_t cls);
uint32_t hp_class(uint32_t size);
uint32_t hp_block_size(uint32_t block);
uint32_t hp_is_used(uint32_t block);
uint32_t hp_find_block(uint32_t payload);
void hp_list_remove(uint32_t block);
void hp_list_insert(uint32_t block);
void hp_set_block(uint32_t block, uint32_t size, uint32_t used);
uint32_t hp_adjusted_size(uint32_t n);
uint32_t hp_coalesce(uint32_t block);
int32_t heap_init(uint32_t size);
uint32_t heap_malloc(uint32_t n);
int32_t heap_free(uint32_t payload);

/* heap_ext.c */
uint32_t heap_calloc(uint32_t count, uint32_t size);
uint32_t heap_realloc(uint32_t payload, uint32_t n);
void hp_copy(uint32_t to, uint32_t from, uint32_t n);
void hp_zero(uint32_t to, uint32_t n);

/* check.c */
int32_t heap_check(uint8_t *stats);

/* Errors. */
#define HE_BADPTR (-1)
#define HE_DOUBLEFREE (-2)
#define HE_CORRUPT (-3)
