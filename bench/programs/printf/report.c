/* Firmware-side users of the formatter, through real varargs: a log line with a running
   sequence number, a hex dump, and a table of 64-bit readings. */
#include "pf.h"

static const char *const level_names[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
static const char *const subsystems[] = {"adc", "uart", "flash", "radio", "power", "sched", "i2c", 0};
static uint32_t log_sequence;

/* Appends to a growing text: formats at `*pos` (or only counts, once past `cap`) and advances
   `*pos` by the full length. Returns the length or an error. */
static int32_t appendf(uint8_t *out, uint32_t cap, uint32_t *pos, const char *fmt, ...) {
    uint8_t *at = out;
    uint32_t room = 0;
    if (*pos < cap) {
        at = out + *pos;
        room = cap - *pos;
    }
    va_list ap;
    va_start(ap, fmt);
    int32_t r = pf_vsnprintf(at, room, fmt, ap);
    va_end(ap);
    if (r > 0) *pos += (uint32_t)r;
    return r;
}

/* Hot export: one log line. Returns its length (snprintf semantics) or an error. */
int32_t pf_log(uint8_t *out, uint32_t cap, uint32_t level, int32_t code, uint32_t value) {
    const char *name = level < 6 ? level_names[level] : "?";
    const char *sub = subsystems[(value >> 4) & 7];
    uint8_t mark = (uint8_t)(value & 0x40 ? 'A' + (value & 15) : '-');
    log_sequence++;
    return pf_snprintf(out, cap, "%08lu [%-5.5s] %s: code=%+05d value=%#lx (%lu, %ld) %c%%\n", (unsigned long)log_sequence,
                       name, sub, (int)code, (unsigned long)value, (unsigned long)value, (long)code, mark);
}

/* Hot export: a classic hex dump, sixteen bytes a line with their ASCII. */
int32_t pf_hexdump(uint8_t *out, uint32_t cap, const uint8_t *data, uint32_t n) {
    uint32_t pos = 0;
    if (cap > 0) out[0] = 0;
    for (uint32_t line = 0; line < n; line += 16) {
        int32_t r = appendf(out, cap, &pos, "%04x:", (unsigned)line);
        for (uint32_t i = 0; i < 16 && r >= 0; i++) {
            if (line + i < n) r = appendf(out, cap, &pos, "%s%02x", i == 8 ? "  " : " ", (unsigned)data[line + i]);
            else r = appendf(out, cap, &pos, "%*s", i == 8 ? 5 : 3, "");
        }
        if (r < 0) return r;
        appendf(out, cap, &pos, "  |");
        for (uint32_t i = 0; i < 16 && line + i < n; i++) {
            uint8_t c = data[line + i];
            appendf(out, cap, &pos, "%c", c >= 0x20 && c < 0x7F ? c : '.');
        }
        appendf(out, cap, &pos, "|\n");
    }
    return (int32_t)pos;
}

static uint64_t load64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

static const char *const units[] = {"mV", "mA", "degC", "Pa"};

/* Hot export: a table of readings, records of 16 bytes (i64 value, i16 temperature, u16 id,
   u8 flags, u8 width, two spare). Returns the length, or an error. */
int32_t pf_table(uint8_t *out, uint32_t cap, const uint8_t *records, uint32_t n) {
    uint32_t pos = 0;
    int32_t r = appendf(out, cap, &pos, "%-3s|%-20s|%6s|%-18s|%s\n", "#", "value", "temp", "raw", "unit");
    for (uint32_t k = 0; k < n && r >= 0; k++) {
        const uint8_t *rec = records + 16 * k;
        uint64_t raw = load64(rec);
        long long value = raw >> 63 ? -(long long)(~raw) - 1 : (long long)raw;
        int temp = (int)(uint32_t)(rec[8] | rec[9] << 8);
        unsigned id = (unsigned)(rec[10] | rec[11] << 8);
        unsigned flags = rec[12];
        int width = (rec[13] & 15) - 4; /* a negative width left-justifies */
        r = appendf(out, cap, &pos, "%3u|%-+20lld|%*hd|%#18llx|%.3s %hhu/%hu\n", k, value, width, temp,
                    (unsigned long long)raw, units[flags & 3], flags, id);
    }
    if (r < 0) return r;
    return (int32_t)pos;
}
