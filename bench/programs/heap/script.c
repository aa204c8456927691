/* Scripted workloads: allocation traffic over 32 slots, with fill patterns written into the
   payloads and verified later (so a block handed out twice, or data lost by realloc, shows),
   and integrity checks along the way. */
#include "heap.h"

#define NSLOTS 32

enum { OP_ALLOC, OP_FREE, OP_REALLOC, OP_CALLOC, OP_FILL, OP_VERIFY, OP_CHECK, OP_FREE_RAW };

static uint32_t slot_at[NSLOTS];   /* the payload's offset, 0 when empty */
static uint32_t slot_len[NSLOTS];  /* bytes requested */
static uint32_t slot_good[NSLOTS]; /* bytes holding the fill pattern */
static uint8_t slot_seed[NSLOTS];

static uint8_t pattern(uint8_t seed, uint32_t i) { return (uint8_t)(seed + i * 31u + (i >> 8)); }

static void fill(uint32_t s, uint8_t seed) {
    uint8_t *p = hp_bytes(slot_at[s]);
    for (uint32_t i = 0; i < slot_len[s]; i++) p[i] = pattern(seed, i);
    slot_seed[s] = seed;
    slot_good[s] = slot_len[s];
}

static int32_t verify(uint32_t s) {
    const uint8_t *p = hp_bytes(slot_at[s]);
    int32_t bad = 0;
    for (uint32_t i = 0; i < slot_good[s]; i++) bad += p[i] != pattern(slot_seed[s], i);
    return bad;
}

static void forget(uint32_t s) {
    slot_at[s] = slot_len[s] = slot_good[s] = 0;
}

static void put_result(uint8_t *p, int32_t v) {
    for (uint32_t i = 0; i < 4; i++) p[i] = (uint8_t)((uint32_t)v >> (8 * i));
}

/* Hot export. Operations are four bytes: op, slot, a 16-bit argument. Each one's result (an
   offset, a count or an error) goes to `results` (4 bytes each). Returns the number of
   pattern bytes found damaged, in total (0 for a sound heap). */
int32_t heap_run(const uint8_t *script, uint32_t n, uint8_t *results) {
    uint8_t stats[48];
    int32_t damaged = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *op = script + 4 * i;
        uint32_t s = op[1] % NSLOTS;
        uint32_t arg = (uint32_t)op[2] | (uint32_t)op[3] << 8;
        int32_t r = 0;
        switch (op[0]) {
        case OP_ALLOC:
            if (slot_at[s]) heap_free(slot_at[s]);
            forget(s);
            slot_at[s] = heap_malloc(arg);
            if (slot_at[s]) slot_len[s] = arg;
            r = (int32_t)slot_at[s];
            break;
        case OP_FREE:
            r = heap_free(slot_at[s]);
            forget(s);
            break;
        case OP_REALLOC: {
            uint32_t moved = heap_realloc(slot_at[s], arg);
            if (moved || arg == 0) {
                if (slot_good[s] > arg) slot_good[s] = arg;
                slot_at[s] = moved;
                slot_len[s] = moved ? arg : 0;
                if (!moved) forget(s);
            }
            r = (int32_t)moved;
            break;
        }
        case OP_CALLOC: {
            if (slot_at[s]) heap_free(slot_at[s]);
            forget(s);
            uint32_t count = arg & 0xFF, size = arg >> 8;
            slot_at[s] = heap_calloc(count, size);
            if (slot_at[s]) {
                slot_len[s] = count * size;
                /* Zeroed is the pattern for seed 0 only at i = 0: check the zeros here. */
                const uint8_t *p = hp_bytes(slot_at[s]);
                for (uint32_t j = 0; j < slot_len[s]; j++) damaged += p[j] != 0;
            }
            r = (int32_t)slot_at[s];
            break;
        }
        case OP_FILL:
            if (slot_at[s]) fill(s, (uint8_t)arg);
            r = (int32_t)slot_len[s];
            break;
        case OP_VERIFY:
            r = slot_at[s] ? verify(s) : 0;
            damaged += r;
            break;
        case OP_CHECK: r = heap_check(stats); break;
        case OP_FREE_RAW: r = heap_free(arg); break;
        default: r = -100; break;
        }
        put_result(results + 4 * i, r);
    }
    return damaged;
}

/* Hot export: starts over with a heap of `size` bytes and empty slots. */
int32_t heap_reset(uint32_t size) {
    for (uint32_t s = 0; s < NSLOTS; s++) forget(s);
    return heap_init(size);
}
