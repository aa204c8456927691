/* The Modbus RTU server: frame checks, dispatch on the function code, exception responses,
   broadcast writes, and the diagnostic counters of function code 8. */
#include "modbus.h"

static uint8_t unit_address;
static uint8_t listen_only;
/* Diagnostic counters (function 8, subfunctions 0x0B-0x0F, 0x12). */
static uint16_t bus_messages, bus_crc_errors, exceptions_sent, server_messages, no_responses, overruns;

void mb_server_init(uint32_t address, uint32_t seed) {
    unit_address = (uint8_t)address;
    listen_only = 0;
    bus_messages = bus_crc_errors = exceptions_sent = server_messages = no_responses = overruns = 0;
    regmap_reset(seed);
}

static uint32_t exception(uint8_t *resp, uint8_t fc, uint8_t code) {
    resp[1] = (uint8_t)(fc | 0x80);
    resp[2] = code;
    exceptions_sent++;
    return 3;
}

/* The read functions 1-4: 8-byte requests, a byte count and the data back. */
static uint32_t read_request(const uint8_t *req, uint32_t n, uint8_t *resp) {
    uint8_t fc = req[1];
    if (n != 6) return exception(resp, fc, EX_ILLEGAL_VALUE);
    uint16_t start = be16(req + 2), count = be16(req + 4);
    uint8_t ex;
    uint32_t bytes;
    if (fc <= FC_READ_DISCRETE) {
        if (count < 1 || count > 2000) return exception(resp, fc, EX_ILLEGAL_VALUE);
        bytes = (count + 7u) / 8;
        if (bytes > MB_MAX_FRAME - 5) return exception(resp, fc, EX_ILLEGAL_VALUE);
        ex = regmap_read_bits((uint8_t)(fc - 1), start, count, resp + 3);
    } else {
        if (count < 1 || count > 125) return exception(resp, fc, EX_ILLEGAL_VALUE);
        bytes = 2u * count;
        ex = regmap_read_registers((uint8_t)(fc - 1), start, count, resp + 3);
    }
    if (ex) return exception(resp, fc, ex);
    resp[1] = fc;
    resp[2] = (uint8_t)bytes;
    return 3 + bytes;
}

static uint32_t echo(const uint8_t *req, uint8_t *resp, uint32_t n) {
    for (uint32_t i = 1; i < n; i++) resp[i] = req[i];
    return n;
}

static uint32_t write_single(const uint8_t *req, uint32_t n, uint8_t *resp) {
    uint8_t fc = req[1];
    if (n != 6) return exception(resp, fc, EX_ILLEGAL_VALUE);
    uint16_t address = be16(req + 2), value = be16(req + 4);
    uint8_t ex;
    if (fc == FC_WRITE_COIL) {
        if (value != 0xFF00 && value != 0x0000) return exception(resp, fc, EX_ILLEGAL_VALUE);
        ex = regmap_write_coil(address, value == 0xFF00);
    } else {
        ex = regmap_write_register(address, value);
    }
    if (ex) return exception(resp, fc, ex);
    return echo(req, resp, 6);
}

static uint32_t write_multiple(const uint8_t *req, uint32_t n, uint8_t *resp) {
    uint8_t fc = req[1];
    if (n < 7) return exception(resp, fc, EX_ILLEGAL_VALUE);
    uint16_t start = be16(req + 2), count = be16(req + 4);
    uint8_t bytes = req[6];
    uint8_t ex;
    if (fc == FC_WRITE_COILS) {
        if (count < 1 || count > 1968 || bytes != (count + 7) / 8 || n != 7u + bytes)
            return exception(resp, fc, EX_ILLEGAL_VALUE);
        ex = regmap_write_coils(start, count, req + 7);
    } else {
        if (count < 1 || count > 123 || bytes != 2 * count || n != 7u + bytes)
            return exception(resp, fc, EX_ILLEGAL_VALUE);
        ex = regmap_write_registers(start, count, req + 7);
    }
    if (ex) return exception(resp, fc, ex);
    return echo(req, resp, 6);
}

/* Diagnostics: 0x00 echoes, 0x01 leaves listen-only mode (and clears the counters), 0x04
   enters it, 0x0A clears the counters, 0x0B-0x0F and 0x12 read them. */
static uint32_t diagnostics(const uint8_t *req, uint32_t n, uint8_t *resp) {
    if (n < 4) return exception(resp, FC_DIAGNOSTICS, EX_ILLEGAL_VALUE);
    uint16_t sub = be16(req + 2);
    uint16_t value;
    switch (sub) {
    case 0x00: return echo(req, resp, n);
    case 0x01:
        listen_only = 0;
        bus_messages = bus_crc_errors = exceptions_sent = server_messages = no_responses = overruns = 0;
        return echo(req, resp, n);
    case 0x04: listen_only = 1; return 0;
    case 0x0A:
        bus_messages = bus_crc_errors = exceptions_sent = server_messages = no_responses = overruns = 0;
        return echo(req, resp, n);
    case 0x0B: value = bus_messages; break;
    case 0x0C: value = bus_crc_errors; break;
    case 0x0D: value = exceptions_sent; break;
    case 0x0E: value = server_messages; break;
    case 0x0F: value = no_responses; break;
    case 0x12: value = overruns; break;
    default: return exception(resp, FC_DIAGNOSTICS, EX_ILLEGAL_VALUE);
    }
    if (n != 6) return exception(resp, FC_DIAGNOSTICS, EX_ILLEGAL_VALUE);
    resp[1] = FC_DIAGNOSTICS;
    put_be16(resp + 2, sub);
    put_be16(resp + 4, value);
    return 6;
}

/* Hot export: one request frame in, the response frame out. Returns the response's length
   (CRC included), or 0 when there is none: a broadcast, another unit's frame, a bad CRC,
   listen-only mode. */
uint32_t mb_server_handle(const uint8_t *frame, uint32_t n, uint8_t *resp) {
    if (n > MB_MAX_FRAME) {
        overruns++;
        return 0;
    }
    if (!frame_crc_ok(frame, n)) {
        if (n >= 4) bus_crc_errors++;
        return 0;
    }
    bus_messages++;
    uint8_t address = frame[0];
    if (address != 0 && address != unit_address) return 0;
    server_messages++;
    regmap_tick();
    uint32_t len = n - 2; /* without the CRC */
    uint8_t fc = frame[1];
    if (listen_only && !(fc == FC_DIAGNOSTICS && len >= 4 && be16(frame + 2) == 0x01)) {
        no_responses++;
        return 0;
    }
    uint32_t out;
    switch (fc) {
    case FC_READ_COILS:
    case FC_READ_DISCRETE:
    case FC_READ_HOLDING:
    case FC_READ_INPUT: out = read_request(frame, len, resp); break;
    case FC_WRITE_COIL:
    case FC_WRITE_REGISTER: out = write_single(frame, len, resp); break;
    case FC_WRITE_COILS:
    case FC_WRITE_REGISTERS: out = write_multiple(frame, len, resp); break;
    case FC_DIAGNOSTICS: out = address == 0 ? 0 : diagnostics(frame, len, resp); break;
    default: out = exception(resp, fc, EX_ILLEGAL_FUNCTION); break;
    }
    if (address == 0 || out == 0) {
        no_responses++;
        return 0;
    }
    resp[0] = unit_address;
    return frame_seal(resp, out);
}

/* Hot export: the counters and a digest of the register map, for a test to compare. */
uint32_t mb_server_status(uint8_t *out) {
    put_be16(out, bus_messages);
    put_be16(out + 2, bus_crc_errors);
    put_be16(out + 4, exceptions_sent);
    put_be16(out + 6, server_messages);
    put_be16(out + 8, no_responses);
    put_be16(out + 10, overruns);
    out[12] = unit_address;
    out[13] = listen_only;
    return regmap_checksum();
}
