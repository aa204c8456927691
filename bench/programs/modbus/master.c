/* The client side: building request frames, checking the responses against the requests,
   and a polling loop that runs scripted transactions against the local server (as a
   gateway's self-test would). */
#include "modbus.h"

uint32_t mb_server_handle(const uint8_t *frame, uint32_t n, uint8_t *resp);

#define E_CRC (-1)
#define E_UNIT (-2)
#define E_FUNCTION (-3)
#define E_LENGTH (-4)
#define E_TIMEOUT (-5)
#define E_REQUEST (-6)
#define E_EXCEPTION (-0x100)

/* Hot export: a request frame (CRC appended) into `out`; returns its length or E_REQUEST.
   `values`: packed coil bits (15), big-endian registers (6, 16), diagnostic data (8), a
   coil state byte (5). */
int32_t mb_build_request(uint8_t *out, uint32_t unit, uint32_t fc, uint32_t start, uint32_t count, const uint8_t *values) {
    if (unit > 247 || start > 0xFFFF) return E_REQUEST;
    out[0] = (uint8_t)unit;
    out[1] = (uint8_t)fc;
    put_be16(out + 2, (uint16_t)start);
    switch (fc) {
    case FC_READ_COILS:
    case FC_READ_DISCRETE:
        if (count < 1 || count > 2000) return E_REQUEST;
        put_be16(out + 4, (uint16_t)count);
        return (int32_t)frame_seal(out, 6);
    case FC_READ_HOLDING:
    case FC_READ_INPUT:
        if (count < 1 || count > 125) return E_REQUEST;
        put_be16(out + 4, (uint16_t)count);
        return (int32_t)frame_seal(out, 6);
    case FC_WRITE_COIL:
        put_be16(out + 4, values[0] ? 0xFF00 : 0x0000);
        return (int32_t)frame_seal(out, 6);
    case FC_WRITE_REGISTER:
        out[4] = values[0];
        out[5] = values[1];
        return (int32_t)frame_seal(out, 6);
    case FC_WRITE_COILS:
    case FC_WRITE_REGISTERS: {
        uint32_t bytes = fc == FC_WRITE_COILS ? (count + 7) / 8 : 2 * count;
        if (count < 1 || count > (fc == FC_WRITE_COILS ? 1968u : 123u)) return E_REQUEST;
        put_be16(out + 4, (uint16_t)count);
        out[6] = (uint8_t)bytes;
        for (uint32_t i = 0; i < bytes; i++) out[7 + i] = values[i];
        /* Unused bits of the last coil byte go out as zeros. */
        if (fc == FC_WRITE_COILS && (count & 7)) out[6 + bytes] = (uint8_t)(out[6 + bytes] & ((1u << (count & 7)) - 1));
        return (int32_t)frame_seal(out, 7 + bytes);
    }
    case FC_DIAGNOSTICS:
        if (count > 2 * 124) return E_REQUEST;
        for (uint32_t i = 0; i < count; i++) out[4 + i] = values[i];
        return (int32_t)frame_seal(out, 4 + count);
    default: return E_REQUEST;
    }
}

static int32_t same(const uint8_t *a, const uint8_t *b, uint32_t n) {
    for (uint32_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* Hot export: checks a response against its request and unpacks its data into `out`: one
   byte per bit (1, 2), little-endian registers (3, 4), the value (8). Returns the number of
   values, or an E_* error (E_EXCEPTION - code for an exception response). */
int32_t mb_parse_response(const uint8_t *req, uint32_t req_len, const uint8_t *resp, uint32_t n, uint8_t *out) {
    if (n == 0) return E_TIMEOUT;
    if (req_len < 4 || n < 4) return E_LENGTH;
    if (!frame_crc_ok(resp, n)) return E_CRC;
    if (resp[0] != req[0]) return E_UNIT;
    uint8_t fc = req[1];
    if (resp[1] == (fc | 0x80)) return n == 5 ? E_EXCEPTION - resp[2] : E_LENGTH;
    if (resp[1] != fc) return E_FUNCTION;
    uint32_t count = be16(req + 4);
    switch (fc) {
    case FC_READ_COILS:
    case FC_READ_DISCRETE: {
        uint32_t bytes = (count + 7) / 8;
        if (resp[2] != bytes || n != 5 + bytes) return E_LENGTH;
        for (uint32_t i = 0; i < count; i++) out[i] = (uint8_t)(resp[3 + (i >> 3)] >> (i & 7) & 1);
        return (int32_t)count;
    }
    case FC_READ_HOLDING:
    case FC_READ_INPUT:
        if (resp[2] != 2 * count || n != 5 + 2 * count) return E_LENGTH;
        for (uint32_t i = 0; i < count; i++) {
            out[2 * i] = resp[4 + 2 * i];
            out[2 * i + 1] = resp[3 + 2 * i];
        }
        return (int32_t)count;
    case FC_WRITE_COIL:
    case FC_WRITE_REGISTER:
        return n == 8 && same(req, resp, 6) ? 1 : E_LENGTH;
    case FC_WRITE_COILS:
    case FC_WRITE_REGISTERS:
        return n == 8 && same(req + 2, resp + 2, 4) ? (int32_t)count : E_LENGTH;
    case FC_DIAGNOSTICS:
        if (n != req_len) return E_LENGTH;
        if (!same(req, resp, 4)) return E_FUNCTION;
        out[0] = resp[5];
        out[1] = resp[4];
        return 1;
    default: return E_FUNCTION;
    }
}

/* The values a scripted write sends: registers within the setpoints' limits unless the
   seed's top bit asks for out-of-range ones, coils from the seed's bits. */
static void script_values(uint8_t fc, uint8_t seed, uint32_t count, uint8_t *values) {
    if (fc == FC_WRITE_COILS || fc == FC_WRITE_COIL) {
        for (uint32_t i = 0; i < (count + 7) / 8 || i < 1; i++) values[i] = (uint8_t)(seed * (i + 3) ^ 0x5A);
        if (fc == FC_WRITE_COIL) values[0] = seed & 1;
        return;
    }
    uint32_t limit = seed & 0x80 ? 0xFFFF : 1001;
    for (uint32_t i = 0; (i < count || i < 1) && i < 124; i++) put_be16(values + 2 * i, (uint16_t)((seed * 131u + i * 17u) % limit));
}

/* Hot export: runs `n` scripted transactions of 8 bytes each (unit, function, start (be16),
   count (be16), flags, seed). Flags: bit 0 flips a bit of the request on the wire, bit 1
   drops its last byte, bit 2 reads the response as though from another unit. Each result
   goes to `results` (4 bytes, little-endian) and the data read to `data` (up to `data_cap`
   bytes, appended). Returns a digest of the results and data. */
uint32_t mb_poll(const uint8_t *script, uint32_t n, uint8_t *results, uint8_t *data, uint32_t data_cap) {
    uint8_t req[MB_MAX_FRAME], resp[MB_MAX_FRAME], values[MB_MAX_FRAME], parsed[2048];
    uint32_t digest = 0x811C9DC5u, used = 0;
    for (uint32_t t = 0; t < n; t++) {
        const uint8_t *s = script + 8 * t;
        uint32_t count = be16(s + 4);
        script_values(s[1], s[7], count, values);
        int32_t len = mb_build_request(req, s[0], s[1], be16(s + 2), count, values);
        int32_t r = len;
        if (len > 0) {
            uint32_t sent = (uint32_t)len;
            if (s[6] & 1) req[sent / 2] ^= (uint8_t)(1u << (s[7] & 7));
            if (s[6] & 2) sent--;
            uint32_t got = mb_server_handle(req, sent, resp);
            if (s[6] & 4) req[0] ^= 1;
            if (s[6] & 1) req[sent / 2] ^= (uint8_t)(1u << (s[7] & 7));
            r = mb_parse_response(req, (uint32_t)len, resp, got, parsed);
            uint32_t bytes = r <= 0 ? 0 : s[1] == FC_READ_HOLDING || s[1] == FC_READ_INPUT || s[1] == FC_DIAGNOSTICS ? 2u * (uint32_t)r : s[1] <= FC_READ_DISCRETE ? (uint32_t)r : 0;
            for (uint32_t i = 0; i < bytes; i++) {
                if (used < data_cap) data[used] = parsed[i];
                used++;
                digest = (digest ^ parsed[i]) * 16777619u;
            }
        }
        for (uint32_t b = 0; b < 4; b++) results[4 * t + b] = (uint8_t)((uint32_t)r >> (8 * b));
        digest = (digest ^ (uint32_t)r) * 16777619u;
    }
    return digest;
}
