/* The device's register map: coils, discrete inputs, holding registers and input registers,
   with the rules of a real device: a read-only identification block, setpoints with limits,
   a control register whose writes act on the coils, inputs that change every tick. */
#include "modbus.h"

enum { TABLE_COILS, TABLE_DISCRETE, TABLE_HOLDING, TABLE_INPUT };

static uint8_t coils[(N_COILS + 7) / 8];
static uint16_t holding[N_HOLDING];
static uint32_t ticks;
static uint32_t lfsr;

/* Holding registers: 0-7 identification (read-only), 8-15 configuration (any value),
   16-31 setpoints (0..1000), 32 control (commands), 33-63 scratch. */
#define ID_END 8
#define SETPOINT_START 16
#define SETPOINT_END 32
#define SETPOINT_MAX 1000
#define CONTROL 32

static const uint16_t identification[ID_END] = {0x5746, 0x4654, 0x0102, 0x0003, 0x2024, 0x0917, 0xBEEF, 0x0001};

void regmap_reset(uint32_t seed) {
    for (uint32_t i = 0; i < sizeof coils; i++) coils[i] = 0;
    for (uint32_t i = 0; i < N_HOLDING; i++) holding[i] = i < ID_END ? identification[i] : (uint16_t)(i * 3);
    for (uint32_t i = SETPOINT_START; i < SETPOINT_END; i++) holding[i] = (uint16_t)(100 + i);
    ticks = 0;
    lfsr = seed | 1;
}

static uint8_t coil(uint32_t i) { return (uint8_t)(coils[i >> 3] >> (i & 7) & 1); }

static void set_coil(uint32_t i, uint8_t on) {
    if (on) coils[i >> 3] = (uint8_t)(coils[i >> 3] | 1u << (i & 7));
    else coils[i >> 3] = (uint8_t)(coils[i >> 3] & ~(1u << (i & 7)));
}

/* Discrete inputs: a 32-bit LFSR's state and the tick count's bits. */
static uint8_t discrete(uint32_t i) {
    if (i < 32) return (uint8_t)(lfsr >> i & 1);
    return (uint8_t)(ticks >> (i - 32) & 1);
}

/* Input registers: measurements derived from the setpoints and the time. */
static uint16_t input_register(uint32_t i) {
    if (i < 16) return (uint16_t)(holding[SETPOINT_START + i] + (ticks * (i + 1)) % 7);
    if (i < 24) return (uint16_t)(lfsr >> (i - 16) * 2);
    if (i == 24) return (uint16_t)ticks;
    if (i == 25) return (uint16_t)(ticks >> 16);
    uint16_t sum = 0;
    for (uint32_t c = 0; c < N_COILS; c++) sum = (uint16_t)(sum + coil(c) * (c + 1));
    return (uint16_t)(sum ^ i);
}

static uint8_t in_range(uint32_t start, uint32_t count, uint32_t size) {
    return count > 0 && start < size && count <= size - start;
}

/* Packs `count` bits from `start` LSB-first into `out` (the response's byte count follows
   from it). */
uint8_t regmap_read_bits(uint8_t table, uint16_t start, uint16_t count, uint8_t *out) {
    uint32_t size = table == TABLE_COILS ? N_COILS : N_DISCRETE;
    if (!in_range(start, count, size)) return EX_ILLEGAL_ADDRESS;
    for (uint32_t b = 0; b < (count + 7u) / 8; b++) out[b] = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint8_t v = table == TABLE_COILS ? coil(start + i) : discrete(start + i);
        out[i >> 3] = (uint8_t)(out[i >> 3] | v << (i & 7));
    }
    return 0;
}

uint8_t regmap_read_registers(uint8_t table, uint16_t start, uint16_t count, uint8_t *out) {
    uint32_t size = table == TABLE_HOLDING ? N_HOLDING : N_INPUT;
    if (!in_range(start, count, size)) return EX_ILLEGAL_ADDRESS;
    for (uint32_t i = 0; i < count; i++)
        put_be16(out + 2 * i, table == TABLE_HOLDING ? holding[start + i] : input_register(start + i));
    return 0;
}

uint8_t regmap_write_coil(uint16_t address, uint8_t on) {
    if (address >= N_COILS) return EX_ILLEGAL_ADDRESS;
    set_coil(address, on);
    return 0;
}

uint8_t regmap_write_coils(uint16_t start, uint16_t count, const uint8_t *bits) {
    if (!in_range(start, count, N_COILS)) return EX_ILLEGAL_ADDRESS;
    for (uint32_t i = 0; i < count; i++) set_coil(start + i, (uint8_t)(bits[i >> 3] >> (i & 7) & 1));
    return 0;
}

/* Checks one register write without doing it. */
static uint8_t check_register(uint32_t address, uint16_t value) {
    if (address < ID_END) return EX_ILLEGAL_ADDRESS;
    if (address >= SETPOINT_START && address < SETPOINT_END && value > SETPOINT_MAX) return EX_ILLEGAL_VALUE;
    if (address == CONTROL && (value >> 8) > 3) return EX_ILLEGAL_VALUE;
    return 0;
}

/* The control register: high byte a command, low byte its argument. */
static void control(uint16_t value) {
    uint8_t arg = (uint8_t)value;
    switch (value >> 8) {
    case 0: break;                                                   /* no operation */
    case 1: for (uint32_t i = 0; i < sizeof coils; i++) coils[i] = 0; break; /* clear coils */
    case 2: if (arg < N_COILS) set_coil(arg, (uint8_t)!coil(arg)); break;     /* toggle one */
    case 3: /* restore the setpoints' defaults, from the argument on */
        for (uint32_t i = SETPOINT_START + (arg & 15); i < SETPOINT_END; i++) holding[i] = (uint16_t)(100 + i);
        break;
    default: break;
    }
}

static void store_register(uint32_t address, uint16_t value) {
    holding[address] = value;
    if (address == CONTROL) control(value);
}

uint8_t regmap_write_register(uint16_t address, uint16_t value) {
    if (address >= N_HOLDING) return EX_ILLEGAL_ADDRESS;
    uint8_t ex = check_register(address, value);
    if (ex) return ex;
    store_register(address, value);
    return 0;
}

/* All or nothing: every value is checked before any is stored. */
uint8_t regmap_write_registers(uint16_t start, uint16_t count, const uint8_t *values) {
    if (!in_range(start, count, N_HOLDING)) return EX_ILLEGAL_ADDRESS;
    for (uint32_t i = 0; i < count; i++) {
        uint8_t ex = check_register(start + i, be16(values + 2 * i));
        if (ex) return ex;
    }
    for (uint32_t i = 0; i < count; i++) store_register(start + i, be16(values + 2 * i));
    return 0;
}

/* Time passes: the inputs move (a Galois LFSR, taps 32,22,2,1). */
void regmap_tick(void) {
    ticks++;
    lfsr = (lfsr >> 1) ^ (-(lfsr & 1u) & 0x80200003u);
}

/* A digest of everything a client can read, for tests. */
uint32_t regmap_checksum(void) {
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < sizeof coils; i++) h = (h ^ coils[i]) * 16777619u;
    for (uint32_t i = 0; i < N_HOLDING; i++) h = (h ^ holding[i]) * 16777619u;
    for (uint32_t i = 0; i < N_INPUT; i++) h = (h ^ input_register(i)) * 16777619u;
    return h ^ ticks;
}
