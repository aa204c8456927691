/* The dispatcher: one big switch over the message types, checking each body's length and
   unpacking its fields for the handler; and the table of which session states admit which
   messages. */
#include "proto.h"

enum {
    M_PING = 0x01, M_VERSION, M_STATUS, M_RESET_COUNTERS, M_LED_SET, M_LED_GET, M_CONFIG_SET, M_CONFIG_GET,
    M_CONFIG_ERASE, M_KV_PUT, M_KV_GET, M_KV_DELETE, M_KV_LIST, M_TIME_SET, M_TIME_GET, M_ALARM_ADD,
    M_ALARM_CLEAR, M_ALARM_LIST, M_MEM_READ, M_MEM_WRITE, M_MEM_CRC, M_LOGIN, M_LOGOUT, M_MODE_SET,
    M_MODE_GET, M_ADC_READ, M_PWM_SET, M_PWM_GET, M_GPIO_WRITE, M_GPIO_READ, M_STREAM_START, M_STREAM_STOP,
    M_STREAM_POLL, M_FW_BEGIN, M_FW_CHUNK, M_FW_END, M_REBOOT, M_LAST = M_REBOOT
};

#define L 1 /* admitted while locked */
#define O 2 /* while open */
#define U 4 /* while updating firmware */

static const uint8_t policy[M_LAST + 1] = {
    0,
    L | O | U, /* ping */
    L | O | U, /* version */
    O | U,     /* status */
    O, O, O, O, O, O, O, O, O, O, O, /* counters .. time set */
    L | O | U, /* time get */
    O, O, O, O, O, O, /* alarms, memory */
    L,         /* login */
    O,         /* logout */
    O,         /* mode set */
    L | O | U, /* mode get */
    O, O, O, O, O, O, O, O, /* adc .. stream poll */
    O,         /* firmware begin */
    U, U,      /* chunk, end */
    O | U,     /* reboot */
};

/* 1 when `state` admits `type`, 2 for a type nobody knows (the dispatcher answers it), 0
   when refused. */
uint8_t type_allowed(uint8_t type, uint8_t state) {
    if (type == 0 || type > M_LAST) return 2;
    return (uint8_t)(policy[type] >> state & 1);
}

/* Runs one message. `out` gets the answer's body and `*out_len` its length. */
uint8_t dispatch(uint8_t type, const uint8_t *b, uint32_t n, uint8_t *out, uint32_t *out_len) {
    *out_len = 0;
    switch (type) {
    case M_PING: return h_ping(b, n, out, out_len);
    case M_VERSION:
        if (n != 0) return ST_LENGTH;
        return h_version(out, out_len);
    case M_STATUS:
        if (n != 0) return ST_LENGTH;
        return h_status(out, out_len);
    case M_RESET_COUNTERS:
        if (n != 0) return ST_LENGTH;
        return h_reset_counters();
    case M_LED_SET:
        if (n != 2) return ST_LENGTH;
        return h_led_set(b[0], b[1]);
    case M_LED_GET:
        if (n != 1) return ST_LENGTH;
        return h_led_get(b[0], out, out_len);
    case M_CONFIG_SET:
        if (n != 5) return ST_LENGTH;
        return h_config_set(b[0], le32(b + 1));
    case M_CONFIG_GET:
        if (n != 1) return ST_LENGTH;
        return h_config_get(b[0], out, out_len);
    case M_CONFIG_ERASE:
        if (n != 0) return ST_LENGTH;
        return h_config_erase();
    case M_KV_PUT:
        if (n < 2) return ST_LENGTH;
        return h_kv_put(b, n);
    case M_KV_GET:
        if (n < 1) return ST_LENGTH;
        return h_kv_get(b, n, out, out_len);
    case M_KV_DELETE:
        if (n < 1) return ST_LENGTH;
        return h_kv_delete(b, n);
    case M_KV_LIST:
        if (n != 0) return ST_LENGTH;
        return h_kv_list(out, out_len);
    case M_TIME_SET:
        if (n != 4) return ST_LENGTH;
        return h_time_set(le32(b));
    case M_TIME_GET:
        if (n != 0) return ST_LENGTH;
        return h_time_get(out, out_len);
    case M_ALARM_ADD:
        if (n != 5) return ST_LENGTH;
        return h_alarm_add(b[0], le32(b + 1));
    case M_ALARM_CLEAR:
        if (n != 1) return ST_LENGTH;
        return h_alarm_clear(b[0]);
    case M_ALARM_LIST:
        if (n != 0) return ST_LENGTH;
        return h_alarm_list(out, out_len);
    case M_MEM_READ:
        if (n != 3) return ST_LENGTH;
        return h_mem_read(le16(b), b[2], out, out_len);
    case M_MEM_WRITE:
        if (n < 3) return ST_LENGTH;
        return h_mem_write(le16(b), b + 2, n - 2);
    case M_MEM_CRC:
        if (n != 4) return ST_LENGTH;
        return h_mem_crc(le16(b), le16(b + 2), out, out_len);
    case M_LOGIN:
        if (n < 1 || n > 32) return ST_LENGTH;
        return h_login(b, n);
    case M_LOGOUT:
        if (n != 0) return ST_LENGTH;
        session_set_state(SS_LOCKED);
        return ST_OK;
    case M_MODE_SET:
        if (n != 1) return ST_LENGTH;
        return h_mode_set(b[0]);
    case M_MODE_GET:
        if (n != 0) return ST_LENGTH;
        return h_mode_get(out, out_len);
    case M_ADC_READ:
        if (n != 1) return ST_LENGTH;
        return h_adc_read(b[0], out, out_len);
    case M_PWM_SET:
        if (n != 3) return ST_LENGTH;
        return h_pwm_set(b[0], le16(b + 1));
    case M_PWM_GET:
        if (n != 1) return ST_LENGTH;
        return h_pwm_get(b[0], out, out_len);
    case M_GPIO_WRITE:
        if (n != 8) return ST_LENGTH;
        return h_gpio_write(le32(b), le32(b + 4));
    case M_GPIO_READ:
        if (n != 0) return ST_LENGTH;
        return h_gpio_read(out, out_len);
    case M_STREAM_START:
        if (n != 1) return ST_LENGTH;
        return h_stream(1, b[0]);
    case M_STREAM_STOP:
        if (n != 0) return ST_LENGTH;
        return h_stream(0, 0);
    case M_STREAM_POLL:
        if (n != 0) return ST_LENGTH;
        return h_stream_poll(out, out_len);
    case M_FW_BEGIN:
        if (n != 6) return ST_LENGTH;
        return h_fw_begin(le32(b), le16(b + 4));
    case M_FW_CHUNK:
        if (n < 3) return ST_LENGTH;
        return h_fw_chunk(le16(b), b + 2, n - 2);
    case M_FW_END:
        if (n != 0) return ST_LENGTH;
        return h_fw_end(out, out_len);
    case M_REBOOT:
        if (n != 0) return ST_LENGTH;
        return h_reboot();
    default: return ST_UNKNOWN;
    }
}
