/* firmware.c: the logic of a small sensor node, written once in portable, freestanding C
   (<stdint.h> only). The Makefile compiles it to WebAssembly (clang --target=wasm32) and
   `weft compile` turns that into a Thumb-2 object for the part; host.c builds the same file
   natively as the reference the tests compare against.

   - fw_sample: one ADC reading through a filter chain — a median of three (spike
     rejection), a moving average over 8 samples, a first-order low-pass in Q8 fixed point,
     a calibration (gain num/den, offset) saturated to 16 bits, an alarm with hysteresis
     that drives an LED through the firmware (hal_led), and running statistics.
   - fw_command: one line from the UART ("GAIN 3 2", optionally "GAIN 3 2*A1B2" with a
     CRC-16/CCITT-FALSE of the text before '*'), parsed and executed; the reply, with its
     own CRC-16, is left in the transmit buffer.
   - CRC-32 (IEEE 802.3, a 16-entry nibble table) for the CRC command.

   Calls into the firmware (imports): hal_ticks() and hal_led(on).
   Calls from the firmware (exports): fw_init, fw_sample, fw_command, fw_rx_buffer,
   fw_tx_buffer, and fw_statistics (the address of fw_stats, struct fw_stats: firmware.h). */
#include "firmware.h"

#if defined(__wasm__)
/* An import: an undefined function the module expects the firmware to provide. */
#define FW_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#else
#define FW_IMPORT(name)
#endif

FW_IMPORT(hal_ticks) uint32_t hal_ticks(void);
FW_IMPORT(hal_led) void hal_led(int32_t on);

void fw_init(void);
int32_t fw_sample(int32_t raw);
char *fw_rx_buffer(void);
const char *fw_tx_buffer(void);
int32_t fw_command(int32_t length);
const struct fw_stats *fw_statistics(void);

#define WINDOW 8  /* moving average length (a power of two) */
#define HISTORY 32 /* calibrated samples kept for AVG and DUMP */

struct fw_stats fw_stats;

static struct {
    int32_t raw[3]; /* the last three readings, for the median */
    uint32_t raw_count;
    int32_t window[WINDOW];
    int32_t window_sum;
    uint32_t window_pos;
    int32_t lowpass; /* Q8 */
    int32_t alpha;   /* low-pass coefficient, Q8: 1 (slow) to 256 (no filtering) */
    int32_t gain_num;
    int32_t gain_den;
    int32_t offset;
    int32_t threshold;
    int32_t hysteresis;
    int32_t alarm;
    int32_t history[HISTORY];
    uint32_t history_pos;
    uint32_t history_count;
} fw;

static char rx[FW_LINE_MAX + 1];
static char tx[FW_REPLY_MAX];
static uint32_t tx_len;

/* ---- CRCs ---------------------------------------------------------------------------- */

static const uint32_t crc32_nibbles[16] = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
    0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
    0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu,
};

static uint32_t crc32(const char *data, uint32_t length) {
    uint32_t crc = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < length; i++) {
        crc ^= (uint8_t)data[i];
        crc = (crc >> 4) ^ crc32_nibbles[crc & 15];
        crc = (crc >> 4) ^ crc32_nibbles[crc & 15];
    }
    return ~crc;
}

/* CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection. */
static uint16_t crc16(const char *data, uint32_t length) {
    uint16_t crc = 0xFFFF;
    for (uint32_t i = 0; i < length; i++) {
        crc ^= (uint16_t)((uint8_t)data[i] << 8);
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
        }
    }
    return crc;
}

/* ---- The filter chain ---------------------------------------------------------------- */

static int32_t median3(int32_t a, int32_t b, int32_t c) {
    if (a > b) {
        int32_t t = a;
        a = b;
        b = t;
    }
    if (b > c) b = c;
    return a > b ? a : b;
}

static int32_t saturate16(int32_t v) {
    if (v > 32767) return 32767;
    if (v < -32768) return -32768;
    return v;
}

static void stats_reset(void) {
    fw_stats.count = 0;
    fw_stats.min = 32767;
    fw_stats.max = -32768;
    fw_stats.last = 0;
    fw_stats.sum = 0;
}

void fw_init(void) {
    for (uint32_t i = 0; i < WINDOW; i++) fw.window[i] = 0;
    for (uint32_t i = 0; i < HISTORY; i++) fw.history[i] = 0;
    fw.raw_count = 0;
    fw.window_sum = 0;
    fw.window_pos = 0;
    fw.lowpass = 0;
    fw.alpha = 64;
    fw.gain_num = 1;
    fw.gain_den = 1;
    fw.offset = 0;
    fw.threshold = 3000;
    fw.hysteresis = 100;
    fw.alarm = 0;
    fw.history_pos = 0;
    fw.history_count = 0;
    fw_stats.alarms = 0;
    fw_stats.errors = 0;
    stats_reset();
    tx_len = 0;
}

/* One ADC reading (0..4095) in; the calibrated, filtered value out. */
int32_t fw_sample(int32_t raw) {
    if (raw < 0) raw = 0;
    if (raw > 4095) raw = 4095;
    fw.raw[fw.raw_count % 3] = raw;
    fw.raw_count++;
    int32_t x = fw.raw_count < 3 ? raw : median3(fw.raw[0], fw.raw[1], fw.raw[2]);

    fw.window_sum += x - fw.window[fw.window_pos];
    fw.window[fw.window_pos] = x;
    fw.window_pos = (fw.window_pos + 1) % WINDOW;
    uint32_t filled = fw.raw_count < WINDOW ? fw.raw_count : WINDOW;
    int32_t average = fw.window_sum / (int32_t)filled;

    if (fw.raw_count == 1) {
        fw.lowpass = average * 256;
    } else {
        fw.lowpass += ((average * 256 - fw.lowpass) * fw.alpha) / 256;
    }
    int32_t y = saturate16((fw.lowpass / 256) * fw.gain_num / fw.gain_den + fw.offset);

    if (!fw.alarm && y > fw.threshold) {
        fw.alarm = 1;
        fw_stats.alarms++;
        hal_led(1);
    } else if (fw.alarm && y < fw.threshold - fw.hysteresis) {
        fw.alarm = 0;
        hal_led(0);
    }

    fw_stats.count++;
    fw_stats.sum += y;
    fw_stats.last = y;
    if (y < fw_stats.min) fw_stats.min = y;
    if (y > fw_stats.max) fw_stats.max = y;
    fw.history[fw.history_pos] = y;
    fw.history_pos = (fw.history_pos + 1) % HISTORY;
    if (fw.history_count < HISTORY) fw.history_count++;
    return y;
}

/* ---- Replies ------------------------------------------------------------------------- */

static void put(char c) {
    if (tx_len < FW_REPLY_MAX - 8) tx[tx_len++] = c; /* room kept for the CRC */
}

static void put_text(const char *s) {
    while (*s) put(*s++);
}

static void put_unsigned(uint32_t v) {
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) put(digits[--n]);
}

static void put_signed(int32_t v) {
    if (v < 0) {
        put('-');
        put_unsigned(0u - (uint32_t)v);
    } else {
        put_unsigned((uint32_t)v);
    }
}

static void put_hex(uint32_t v, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) put("0123456789ABCDEF"[(v >> shift) & 15]);
}

static void put_field(const char *name, int32_t v) {
    put(' ');
    put_text(name);
    put('=');
    put_signed(v);
}

/* ---- Commands ------------------------------------------------------------------------ */

/* A cursor over the command line. */
struct cursor {
    const char *at;
    const char *end;
};

static void skip_spaces(struct cursor *c) {
    while (c->at < c->end && *c->at == ' ') c->at++;
}

/* The next word: its length, the cursor moved past it. */
static uint32_t word(struct cursor *c, const char **start) {
    skip_spaces(c);
    *start = c->at;
    while (c->at < c->end && *c->at != ' ') c->at++;
    return (uint32_t)(c->at - *start);
}

static int word_is(const char *w, uint32_t n, const char *name) {
    uint32_t i = 0;
    for (; i < n; i++) {
        if (name[i] == 0 || name[i] != w[i]) return 0;
    }
    return name[i] == 0;
}

/* A signed decimal number within [min, max]; 0 when there is none or it is out of range. */
static int number(struct cursor *c, int32_t min, int32_t max, int32_t *out) {
    const char *w;
    uint32_t n = word(c, &w);
    uint32_t i = 0;
    int negative = 0;
    if (n > 0 && (w[0] == '-' || w[0] == '+')) {
        negative = w[0] == '-';
        i = 1;
    }
    if (i == n) return 0;
    int64_t v = 0;
    for (; i < n; i++) {
        if (w[i] < '0' || w[i] > '9') return 0;
        v = v * 10 + (w[i] - '0');
        if (v > 100000000) return 0;
    }
    if (negative) v = -v;
    if (v < min || v > max) return 0;
    *out = (int32_t)v;
    return 1;
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* Whether the cursor is at the end of the line (only spaces left). */
static int at_end(struct cursor *c) {
    skip_spaces(c);
    return c->at == c->end;
}

static void error(const char *what) {
    fw_stats.errors++;
    put_text("ERR ");
    put_text(what);
}

static void execute(struct cursor *c) {
    const char *verb;
    uint32_t n = word(c, &verb);
    int32_t a, b;
    if (word_is(verb, n, "PING") && at_end(c)) {
        put_text("PONG");
    } else if (word_is(verb, n, "VER") && at_end(c)) {
        put_text("SENSOR-NODE 1.0");
    } else if (word_is(verb, n, "STAT") && at_end(c)) {
        put_text("STAT");
        put_field("N", (int32_t)fw_stats.count);
        put_field("MIN", fw_stats.min);
        put_field("MAX", fw_stats.max);
        put_field("MEAN", fw_stats.count ? (int32_t)(fw_stats.sum / (int64_t)fw_stats.count) : 0);
        put_field("ALARMS", (int32_t)fw_stats.alarms);
        put_field("T", (int32_t)hal_ticks());
    } else if (word_is(verb, n, "RST") && at_end(c)) {
        stats_reset();
        put_text("OK");
    } else if (word_is(verb, n, "GAIN")) {
        if (number(c, -1000, 1000, &a) && number(c, 1, 1000, &b) && at_end(c)) {
            fw.gain_num = a;
            fw.gain_den = b;
            put_text("OK");
        } else {
            error("RANGE");
        }
    } else if (word_is(verb, n, "OFFS")) {
        if (number(c, -10000, 10000, &a) && at_end(c)) {
            fw.offset = a;
            put_text("OK");
        } else {
            error("RANGE");
        }
    } else if (word_is(verb, n, "ALPHA")) {
        if (number(c, 1, 256, &a) && at_end(c)) {
            fw.alpha = a;
            put_text("OK");
        } else {
            error("RANGE");
        }
    } else if (word_is(verb, n, "THR")) {
        if (number(c, -32768, 32767, &a) && number(c, 0, 1000, &b) && at_end(c)) {
            fw.threshold = a;
            fw.hysteresis = b;
            put_text("OK");
        } else {
            error("RANGE");
        }
    } else if (word_is(verb, n, "AVG")) {
        /* The mean of the last N samples. N = 0 is not rejected: the division by zero is
           the demo's trap (under weft a udf, so a HardFault; natively on Cortex-M3 sdiv
           would quietly give 0). See docs/firmware.md, "Traps". */
        if (number(c, 0, HISTORY, &a) && at_end(c) && (uint32_t)a <= fw.history_count) {
            int32_t sum = 0;
            for (int32_t i = 1; i <= a; i++) sum += fw.history[(fw.history_pos + HISTORY - (uint32_t)i) % HISTORY];
            put_text("AVG ");
            put_signed(sum / a);
        } else {
            error("RANGE");
        }
    } else if (word_is(verb, n, "DUMP")) {
        if (number(c, 1, 8, &a) && at_end(c) && (uint32_t)a <= fw.history_count) {
            put_text("DUMP");
            for (int32_t i = a; i >= 1; i--) {
                put(' ');
                put_signed(fw.history[(fw.history_pos + HISTORY - (uint32_t)i) % HISTORY]);
            }
        } else {
            error("RANGE");
        }
    } else if (word_is(verb, n, "CRC")) {
        skip_spaces(c);
        put_text("CRC32 ");
        put_hex(crc32(c->at, (uint32_t)(c->end - c->at)), 8);
    } else {
        error("CMD");
    }
}

char *fw_rx_buffer(void) { return rx; }

const char *fw_tx_buffer(void) { return tx; }

/* The statistics record, for the firmware to read in place. */
const struct fw_stats *fw_statistics(void) { return &fw_stats; }

/* Handles the `length` bytes of the line in the receive buffer; the reply ("PONG*1A2B") is
   left in the transmit buffer and its length returned. */
int32_t fw_command(int32_t length) {
    tx_len = 0;
    if (length < 0 || length > FW_LINE_MAX) {
        error("LENGTH");
    } else {
        struct cursor c = {rx, rx + length};
        int valid = 1;
        /* An optional "*XXXX": the CRC-16 of what comes before it. */
        for (const char *p = rx; p < rx + length; p++) {
            if (*p != '*') continue;
            uint32_t sent = 0;
            int digits = 0;
            for (const char *q = p + 1; q < rx + length && hex_digit(*q) >= 0; q++, digits++) {
                sent = sent << 4 | (uint32_t)hex_digit(*q);
            }
            c.end = p;
            if (digits != 4 || p + 5 != rx + length) {
                error("FORMAT");
                valid = 0;
            } else if (sent != crc16(rx, (uint32_t)(p - rx))) {
                error("CRC");
                valid = 0;
            }
            break;
        }
        if (valid) execute(&c);
    }
    uint16_t crc = crc16(tx, tx_len);
    tx[tx_len++] = '*';
    for (int shift = 12; shift >= 0; shift -= 4) tx[tx_len++] = "0123456789ABCDEF"[(crc >> shift) & 15];
    return (int32_t)tx_len;
}
