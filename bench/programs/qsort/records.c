/* The records a data logger keeps, and their orders. Fields are read byte by byte
   (little-endian), so records need no alignment. Every comparison is counted. */
#include "sort.h"

uint32_t compare_count;

static uint32_t u16_at(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static int32_t i16_at(const uint8_t *p) { return (int32_t)u16_at(p) - (p[1] & 0x80 ? 0x10000 : 0); }
static uint32_t u32_at(const uint8_t *p) { return u16_at(p) | u16_at(p + 2) << 16; }
static int32_t i32_at(const uint8_t *p) {
    uint32_t v = u32_at(p);
    return v & 0x80000000u ? -(int32_t)(~v) - 1 : (int32_t)v;
}
static int64_t i64_at(const uint8_t *p) {
    uint64_t v = (uint64_t)u32_at(p + 4) << 32 | u32_at(p);
    return v >> 63 ? -(int64_t)(~v) - 1 : (int64_t)v;
}

static int32_t order(int64_t a, int64_t b) { return (a > b) - (a < b); }

/* 0: 16-bit unsigned readings, ascending. */
static int32_t cmp_u16(const void *a, const void *b) {
    compare_count++;
    return order(u16_at(a), u16_at(b));
}

/* 1, 2: signed 32-bit values, ascending and descending. */
static int32_t cmp_i32(const void *a, const void *b) {
    compare_count++;
    return order(i32_at(a), i32_at(b));
}

static int32_t cmp_i32_desc(const void *a, const void *b) {
    compare_count++;
    return order(i32_at(b), i32_at(a));
}

/* 3: 64-bit energy counters. */
static int32_t cmp_i64(const void *a, const void *b) {
    compare_count++;
    return order(i64_at(a), i64_at(b));
}

/* 4, 5: sensor samples (8 bytes: id u16, temperature i16 in 1/256 degrees, timestamp u32):
   by whole degrees only (many ties: what a stable sort keeps in order), and by temperature
   then id. */
static int32_t cmp_sensor_degrees(const void *a, const void *b) {
    compare_count++;
    int32_t da = i16_at((const uint8_t *)a + 2), db = i16_at((const uint8_t *)b + 2);
    return order(da >= 0 ? da / 256 : -((-da + 255) / 256), db >= 0 ? db / 256 : -((-db + 255) / 256));
}

static int32_t cmp_sensor(const void *a, const void *b) {
    compare_count++;
    const uint8_t *x = a, *y = b;
    int32_t c = order(i16_at(x + 2), i16_at(y + 2));
    return c != 0 ? c : order(u16_at(x), u16_at(y));
}

/* 6: events (12 bytes: time u32, priority u8 (low 3 bits), 3 spare, sequence u32): the most
   urgent first, then the oldest. */
static int32_t cmp_event(const void *a, const void *b) {
    compare_count++;
    const uint8_t *x = a, *y = b;
    int32_t c = order(y[4] & 7, x[4] & 7);
    return c != 0 ? c : order(u32_at(x), u32_at(y));
}

/* 7: directory entries (16 bytes: a name of up to 12 bytes, NUL-padded, then a value u32):
   by name, bytewise, a shorter name first. */
static int32_t cmp_name(const void *a, const void *b) {
    compare_count++;
    const uint8_t *x = a, *y = b;
    for (uint32_t i = 0; i < 12; i++) {
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
        if (x[i] == 0) return 0;
    }
    return 0;
}

/* 8: 20-byte log records keyed by the low four bits of their last word (heavy ties). */
static int32_t cmp_bucket(const void *a, const void *b) {
    compare_count++;
    return order(u32_at((const uint8_t *)a + 16) & 15, u32_at((const uint8_t *)b + 16) & 15);
}

static const compare_fn comparators[NKINDS] = {
    cmp_u16, cmp_i32, cmp_i32_desc, cmp_i64, cmp_sensor_degrees, cmp_sensor, cmp_event, cmp_name, cmp_bucket,
};
static const uint8_t sizes[NKINDS] = {2, 4, 4, 8, 8, 8, 12, 16, 20};

uint32_t record_size(uint32_t kind) { return kind < NKINDS ? sizes[kind] : 0; }
compare_fn record_compare(uint32_t kind) { return kind < NKINDS ? comparators[kind] : 0; }
