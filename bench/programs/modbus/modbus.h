/* Modbus RTU, server and client side: the shared declarations.

   A frame is: unit address, function code, data, CRC-16/MODBUS (low byte first). The server
   answers function codes 1-6, 15 and 16 (and 8, diagnostics) from a register map, with
   exception responses for what it cannot do; the client side builds requests and checks
   the answers. */
#pragma once
#include <stdint.h>

#define MB_MAX_FRAME 256

/* Function codes. */
#define FC_READ_COILS 0x01
#define FC_READ_DISCRETE 0x02
#define FC_READ_HOLDING 0x03
#define FC_READ_INPUT 0x04
#define FC_WRITE_COIL 0x05
#define FC_WRITE_REGISTER 0x06
#define FC_DIAGNOSTICS 0x08
#define FC_WRITE_COILS 0x0F
#define FC_WRITE_REGISTERS 0x10

/* Exception codes. */
#define EX_ILLEGAL_FUNCTION 0x01
#define EX_ILLEGAL_ADDRESS 0x02
#define EX_ILLEGAL_VALUE 0x03
#define EX_DEVICE_FAILURE 0x04

/* The register map's sizes. */
#define N_COILS 80
#define N_DISCRETE 48
#define N_HOLDING 64
#define N_INPUT 32

/* crc16.c */
uint16_t crc16_update(uint16_t crc, const uint8_t *p, uint32_t n);
uint16_t crc16(const uint8_t *p, uint32_t n);
uint32_t frame_seal(uint8_t *frame, uint32_t n);
int32_t frame_crc_ok(const uint8_t *frame, uint32_t n);

/* regmap.c: each returns 0 or an exception code. */
void regmap_reset(uint32_t seed);
uint8_t regmap_read_bits(uint8_t table, uint16_t start, uint16_t count, uint8_t *out);
uint8_t regmap_read_registers(uint8_t table, uint16_t start, uint16_t count, uint8_t *out);
uint8_t regmap_write_coil(uint16_t address, uint8_t on);
uint8_t regmap_write_coils(uint16_t start, uint16_t count, const uint8_t *bits);
uint8_t regmap_write_register(uint16_t address, uint16_t value);
uint8_t regmap_write_registers(uint16_t start, uint16_t count, const uint8_t *values);
void regmap_tick(void);
uint32_t regmap_checksum(void);

/* Big-endian 16-bit fields, as Modbus sends them. */
static inline uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline void put_be16(uint8_t *p, uint16_t v) {
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
