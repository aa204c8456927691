/* The device behind the protocol: LEDs, a configuration table with validated keys, a small
   key-value store, a clock with alarms, an EEPROM image with a protected header, login with
   lock-out, ADC/PWM/GPIO, a sample stream, and firmware update by chunks. */
#include "proto.h"

#define NLEDS 8
#define NCONFIG 16
#define NKV 6
#define KEY_MAX 8
#define VALUE_MAX 16
#define NALARMS 4
#define EEPROM 128
#define PROTECTED 16
#define NPWM 4
#define FW_MAX 4096

struct kv {
    uint8_t klen, vlen, used;
    uint8_t key[KEY_MAX];
    uint8_t value[VALUE_MAX];
};

struct alarm {
    uint8_t id, fired;
    uint32_t at;
};

static uint8_t leds[NLEDS];
static uint32_t config[NCONFIG];
static struct kv store[NKV];
static uint32_t now;
static struct alarm alarms[NALARMS];
static uint16_t alarms_fired;
static uint8_t eeprom[EEPROM];
static uint8_t login_failures, lockout;
static uint8_t mode;
static uint16_t pwm[NPWM];
static uint32_t gpio_out;
static uint8_t streaming, stream_rate;
static uint32_t stream_since, stream_total;
static uint32_t fw_size, fw_received, fw_version;
static uint16_t fw_expected, fw_crc;

static const uint32_t config_defaults[NCONFIG] = {
    115200, 3, 0xFFFFFFFFu, 1000, 50, 0, 0, 7, 0x1234, 0, 0, 0, 60, 5, 0, 0xA5A5A5A5u,
};
static const uint8_t password[] = {'w', 'e', 'f', 't', '-', '2', '0', '2', '4'};

static void config_defaults_load(void) {
    for (uint32_t i = 0; i < NCONFIG; i++) config[i] = config_defaults[i];
}

void device_reset(void) {
    for (uint32_t i = 0; i < NLEDS; i++) leds[i] = 0;
    config_defaults_load();
    for (uint32_t i = 0; i < NKV; i++) store[i].used = 0;
    now = 0;
    for (uint32_t i = 0; i < NALARMS; i++) alarms[i].id = 0;
    alarms_fired = 0;
    for (uint32_t i = 0; i < EEPROM; i++) eeprom[i] = (uint8_t)(i * 7 + 3);
    login_failures = lockout = 0;
    mode = 0;
    for (uint32_t i = 0; i < NPWM; i++) pwm[i] = 0;
    gpio_out = 0;
    streaming = 0;
    stream_rate = 1;
    stream_since = stream_total = 0;
    fw_size = fw_received = fw_version = 0;
    fw_expected = fw_crc = 0;
}

/* A processed message: time moves on, alarms fire, a lock-out wears off. */
void device_tick(void) {
    now++;
    for (uint32_t i = 0; i < NALARMS; i++) {
        if (alarms[i].id != 0 && !alarms[i].fired && now >= alarms[i].at) {
            alarms[i].fired = 1;
            alarms_fired++;
        }
    }
    if (lockout > 0) lockout--;
}

uint32_t device_digest(void) {
    uint32_t h = 2166136261u;
#define MIX(v) (h = (h ^ (uint32_t)(v)) * 16777619u)
    for (uint32_t i = 0; i < NLEDS; i++) MIX(leds[i]);
    for (uint32_t i = 0; i < NCONFIG; i++) MIX(config[i]);
    for (uint32_t i = 0; i < NKV; i++) {
        if (!store[i].used) continue;
        for (uint32_t j = 0; j < store[i].klen; j++) MIX(store[i].key[j]);
        for (uint32_t j = 0; j < store[i].vlen; j++) MIX(store[i].value[j]);
    }
    MIX(now);
    for (uint32_t i = 0; i < NALARMS; i++) { MIX(alarms[i].id); MIX(alarms[i].at); MIX(alarms[i].fired); }
    for (uint32_t i = 0; i < EEPROM; i++) MIX(eeprom[i]);
    MIX(mode);
    for (uint32_t i = 0; i < NPWM; i++) MIX(pwm[i]);
    MIX(gpio_out);
    MIX(fw_version);
    MIX(stream_total);
#undef MIX
    return h;
}

uint8_t h_ping(const uint8_t *b, uint32_t n, uint8_t *o, uint32_t *on) {
    if (n > 64) return ST_LENGTH;
    for (uint32_t i = 0; i < n; i++) o[i] = b[i];
    *on = n;
    return ST_OK;
}

uint8_t h_version(uint8_t *o, uint32_t *on) {
    o[0] = 'W'; o[1] = 'E'; o[2] = 'F'; o[3] = 'T';
    o[4] = 1; o[5] = 4; o[6] = 2;
    put_le16(o + 7, (uint16_t)(0x0100 + fw_version));
    *on = 9;
    return ST_OK;
}

uint8_t h_status(uint8_t *o, uint32_t *on) {
    struct link_stats *s = hdlc_stats();
    o[0] = session_state();
    o[1] = mode;
    put_le32(o + 2, now);
    put_le16(o + 6, s->frames);
    put_le16(o + 8, s->fcs_errors);
    put_le16(o + 10, session_duplicates());
    put_le16(o + 12, alarms_fired);
    *on = 14;
    return ST_OK;
}

uint8_t h_reset_counters(void) {
    struct link_stats *s = hdlc_stats();
    s->frames = s->runts = s->fcs_errors = s->aborts = s->overruns = s->foreign = 0;
    alarms_fired = 0;
    return ST_OK;
}

uint8_t h_led_set(uint8_t index, uint8_t value) {
    if (index >= NLEDS || value > 2) return ST_ARG;
    leds[index] = value;
    return ST_OK;
}

uint8_t h_led_get(uint8_t index, uint8_t *o, uint32_t *on) {
    if (index == 0xFF) { /* all of them */
        for (uint32_t i = 0; i < NLEDS; i++) o[i] = leds[i];
        *on = NLEDS;
        return ST_OK;
    }
    if (index >= NLEDS) return ST_ARG;
    o[0] = leds[index];
    *on = 1;
    return ST_OK;
}

/* Keys: 0 baud rate (a standard one), 1 bus address (1-247), 2 the answers' control-
   character map, 3 timeout ms (10-60000), 4..15 free. */
uint8_t h_config_set(uint8_t key, uint32_t value) {
    if (key >= NCONFIG) return ST_ARG;
    switch (key) {
    case 0:
        if (value != 9600 && value != 19200 && value != 38400 && value != 57600 && value != 115200) return ST_ARG;
        break;
    case 1:
        if (value < 1 || value > 247) return ST_ARG;
        break;
    case 3:
        if (value < 10 || value > 60000) return ST_ARG;
        break;
    default: break;
    }
    config[key] = value;
    return ST_OK;
}

uint8_t h_config_get(uint8_t key, uint8_t *o, uint32_t *on) {
    if (key >= NCONFIG) return ST_ARG;
    put_le32(o, config[key]);
    *on = 4;
    return ST_OK;
}

uint8_t h_config_erase(void) {
    config_defaults_load();
    return ST_OK;
}

static int32_t kv_find(const uint8_t *key, uint32_t klen) {
    for (uint32_t i = 0; i < NKV; i++) {
        if (!store[i].used || store[i].klen != klen) continue;
        uint32_t j = 0;
        while (j < klen && store[i].key[j] == key[j]) j++;
        if (j == klen) return (int32_t)i;
    }
    return -1;
}

/* Body: key length, key, value (the rest). */
uint8_t h_kv_put(const uint8_t *b, uint32_t n) {
    uint32_t klen = b[0];
    if (klen < 1 || klen > KEY_MAX || 1 + klen > n) return ST_ARG;
    uint32_t vlen = n - 1 - klen;
    if (vlen > VALUE_MAX) return ST_LENGTH;
    int32_t at = kv_find(b + 1, klen);
    if (at < 0) {
        for (uint32_t i = 0; i < NKV && at < 0; i++)
            if (!store[i].used) at = (int32_t)i;
        if (at < 0) return ST_SPACE;
    }
    struct kv *e = &store[at];
    e->used = 1;
    e->klen = (uint8_t)klen;
    e->vlen = (uint8_t)vlen;
    for (uint32_t i = 0; i < klen; i++) e->key[i] = b[1 + i];
    for (uint32_t i = 0; i < vlen; i++) e->value[i] = b[1 + klen + i];
    return ST_OK;
}

uint8_t h_kv_get(const uint8_t *key, uint32_t n, uint8_t *o, uint32_t *on) {
    if (n > KEY_MAX) return ST_ARG;
    int32_t at = kv_find(key, n);
    if (at < 0) return ST_NOT_FOUND;
    for (uint32_t i = 0; i < store[at].vlen; i++) o[i] = store[at].value[i];
    *on = store[at].vlen;
    return ST_OK;
}

uint8_t h_kv_delete(const uint8_t *key, uint32_t n) {
    if (n > KEY_MAX) return ST_ARG;
    int32_t at = kv_find(key, n);
    if (at < 0) return ST_NOT_FOUND;
    store[at].used = 0;
    return ST_OK;
}

/* The number of entries, then each key with its length in front. */
uint8_t h_kv_list(uint8_t *o, uint32_t *on) {
    uint32_t at = 1, count = 0;
    for (uint32_t i = 0; i < NKV; i++) {
        if (!store[i].used) continue;
        o[at++] = store[i].klen;
        for (uint32_t j = 0; j < store[i].klen; j++) o[at++] = store[i].key[j];
        count++;
    }
    o[0] = (uint8_t)count;
    *on = at;
    return ST_OK;
}

uint8_t h_time_set(uint32_t t) {
    now = t;
    return ST_OK;
}

uint8_t h_time_get(uint8_t *o, uint32_t *on) {
    put_le32(o, now);
    *on = 4;
    return ST_OK;
}

uint8_t h_alarm_add(uint8_t id, uint32_t at) {
    if (id == 0) return ST_ARG;
    if (at <= now) return ST_ARG; /* in the past */
    int32_t slot = -1;
    for (uint32_t i = 0; i < NALARMS; i++)
        if (alarms[i].id == id) slot = (int32_t)i;
    for (uint32_t i = 0; i < NALARMS && slot < 0; i++)
        if (alarms[i].id == 0) slot = (int32_t)i;
    if (slot < 0) return ST_SPACE;
    alarms[slot].id = id;
    alarms[slot].at = at;
    alarms[slot].fired = 0;
    return ST_OK;
}

uint8_t h_alarm_clear(uint8_t id) {
    uint8_t found = 0;
    for (uint32_t i = 0; i < NALARMS; i++) {
        if (alarms[i].id != 0 && (id == 0xFF || alarms[i].id == id)) {
            alarms[i].id = 0;
            found = 1;
        }
    }
    return found ? ST_OK : ST_NOT_FOUND;
}

uint8_t h_alarm_list(uint8_t *o, uint32_t *on) {
    uint32_t at = 0;
    for (uint32_t i = 0; i < NALARMS; i++) {
        if (alarms[i].id == 0) continue;
        o[at] = alarms[i].id;
        o[at + 1] = alarms[i].fired;
        put_le32(o + at + 2, alarms[i].at);
        at += 6;
    }
    *on = at;
    return ST_OK;
}

uint8_t h_mem_read(uint16_t offset, uint8_t len, uint8_t *o, uint32_t *on) {
    if (len == 0 || len > 64 || offset >= EEPROM || len > EEPROM - offset) return ST_ARG;
    for (uint32_t i = 0; i < len; i++) o[i] = eeprom[offset + i];
    *on = len;
    return ST_OK;
}

/* The header (the first 16 bytes) is writable in factory mode only. */
uint8_t h_mem_write(uint16_t offset, const uint8_t *b, uint32_t n) {
    if (n > 64 || offset >= EEPROM || n > EEPROM - offset) return ST_ARG;
    if (offset < PROTECTED && mode != 2) return ST_STATE;
    for (uint32_t i = 0; i < n; i++) eeprom[offset + i] = b[i];
    return ST_OK;
}

uint8_t h_mem_crc(uint16_t offset, uint16_t len, uint8_t *o, uint32_t *on) {
    if (offset > EEPROM || len > EEPROM - offset) return ST_ARG;
    put_le16(o, fcs16(0xFFFF, eeprom + offset, len) ^ 0xFFFF);
    *on = 2;
    return ST_OK;
}

/* Three failures lock logins out for the next eight messages. */
uint8_t h_login(const uint8_t *b, uint32_t n) {
    if (lockout > 0) return ST_BUSY;
    uint8_t ok = n == sizeof password;
    for (uint32_t i = 0; ok && i < n; i++) ok = b[i] == password[i];
    if (!ok) {
        if (++login_failures >= 3) {
            login_failures = 0;
            lockout = 8;
        }
        return ST_AUTH;
    }
    login_failures = 0;
    session_set_state(SS_OPEN);
    return ST_OK;
}

uint8_t h_mode_set(uint8_t m) {
    if (m > 2) return ST_ARG;
    mode = m;
    if (m == 1) streaming = 0; /* low power stops the stream */
    return ST_OK;
}

uint8_t h_mode_get(uint8_t *o, uint32_t *on) {
    o[0] = mode;
    *on = 1;
    return ST_OK;
}

uint8_t h_adc_read(uint8_t channel, uint8_t *o, uint32_t *on) {
    if (channel >= NPWM) return ST_ARG;
    put_le16(o, (channel * 1000u + now * 37u + pwm[channel]) & 0xFFF);
    *on = 2;
    return ST_OK;
}

uint8_t h_pwm_set(uint8_t channel, uint16_t duty) {
    if (channel >= NPWM || duty > 1000) return ST_ARG;
    if (mode == 1 && duty > 500) return ST_STATE;
    pwm[channel] = duty;
    return ST_OK;
}

uint8_t h_pwm_get(uint8_t channel, uint8_t *o, uint32_t *on) {
    if (channel >= NPWM) return ST_ARG;
    put_le16(o, pwm[channel]);
    *on = 2;
    return ST_OK;
}

uint8_t h_gpio_write(uint32_t mask, uint32_t value) {
    if (mask > 0xFFFF) return ST_ARG;
    gpio_out = (gpio_out & ~mask) | (value & mask);
    return ST_OK;
}

/* Outputs in the low half, inputs (whatever the pins read now) in the high half. */
uint8_t h_gpio_read(uint8_t *o, uint32_t *on) {
    uint32_t inputs = (now * 2654435761u) >> 16;
    put_le32(o, gpio_out | inputs << 16);
    *on = 4;
    return ST_OK;
}

uint8_t h_stream(uint8_t start, uint8_t rate) {
    if (!start) {
        if (!streaming) return ST_STATE;
        streaming = 0;
        return ST_OK;
    }
    if (rate < 1 || rate > 10) return ST_ARG;
    if (mode == 1) return ST_STATE;
    streaming = 1;
    stream_rate = rate;
    stream_since = now;
    return ST_OK;
}

/* The samples produced since the last poll (one every `rate` messages) and a checksum of
   their synthetic values. The buffer holds 64 samples: older ones are lost (and so is
   everything when the clock was set back). */
uint8_t h_stream_poll(uint8_t *o, uint32_t *on) {
    if (!streaming) return ST_STATE;
    if (now < stream_since) stream_since = now;
    uint32_t count = (now - stream_since) / stream_rate;
    if (count > 64) {
        stream_since += (count - 64) * stream_rate;
        count = 64;
    }
    uint16_t sum = 0;
    for (uint32_t i = 0; i < count; i++) sum = (uint16_t)(sum * 31 + ((stream_since + i * stream_rate) & 0x3FF));
    stream_since += count * stream_rate;
    stream_total += count;
    put_le16(o, (uint16_t)count);
    put_le16(o + 2, sum);
    put_le32(o + 4, stream_total);
    *on = 8;
    return ST_OK;
}

uint8_t h_fw_begin(uint32_t size, uint16_t crc) {
    if (size < 1 || size > FW_MAX) return ST_ARG;
    fw_size = size;
    fw_expected = crc;
    fw_received = 0;
    fw_crc = 0xFFFF;
    session_set_state(SS_UPDATE);
    return ST_OK;
}

/* Chunks come in order: each one's offset is what has arrived so far. */
uint8_t h_fw_chunk(uint16_t offset, const uint8_t *b, uint32_t n) {
    if (offset != fw_received) return ST_ARG;
    if (n > 64 || n > fw_size - fw_received) return ST_LENGTH;
    fw_crc = fcs16(fw_crc, b, n);
    fw_received += n;
    return ST_OK;
}

uint8_t h_fw_end(uint8_t *o, uint32_t *on) {
    uint16_t crc = fw_crc ^ 0xFFFF;
    put_le32(o, fw_received);
    put_le16(o + 4, crc);
    *on = 6;
    session_set_state(SS_OPEN);
    if (fw_received != fw_size || crc != fw_expected) return ST_CHECK;
    fw_version++;
    return ST_OK;
}

uint8_t h_reboot(void) {
    uint32_t keep_version = fw_version;
    device_reset();
    fw_version = keep_version;
    session_set_state(SS_LOCKED);
    return ST_OK;
}
