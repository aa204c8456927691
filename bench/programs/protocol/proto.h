/* A device's serial command protocol: HDLC-like framing (0x7E flags, 0x7D escapes, an
   async control-character map, a CRC-16/X.25 frame check), a session layer (login, sequence
   numbers with retransmission of the cached answer, firmware-update mode), and a dispatcher
   over 37 message types. Shared declarations. */
#pragma once
#include <stdint.h>

#define FLAG 0x7E
#define ESC 0x7D
#define MAX_FRAME 200
#define MY_ADDRESS 0x03
#define BROADCAST 0xFF
#define UI_CONTROL 0x03

/* Response statuses. */
#define ST_OK 0
#define ST_UNKNOWN 1
#define ST_LENGTH 2
#define ST_ARG 3
#define ST_STATE 4
#define ST_SPACE 5
#define ST_NOT_FOUND 6
#define ST_AUTH 7
#define ST_BUSY 8
#define ST_CHECK 9

/* Session states. */
#define SS_LOCKED 0
#define SS_OPEN 1
#define SS_UPDATE 2

/* hdlc.c */
struct link_stats {
    uint16_t frames, runts, fcs_errors, aborts, overruns, foreign, tx_frames, tx_dropped;
};
void hdlc_reset(void);
int32_t hdlc_rx_byte(uint8_t b, uint8_t *frame);
uint16_t fcs16(uint16_t fcs, const uint8_t *p, uint32_t n);
uint32_t hdlc_encode(const uint8_t *payload, uint32_t n, uint8_t *out, uint32_t cap, uint32_t accm);
struct link_stats *hdlc_stats(void);

/* session.c */
void session_reset(void);
uint32_t session_handle(const uint8_t *payload, uint32_t n, uint8_t *resp);
uint8_t session_state(void);
void session_set_state(uint8_t s);
uint16_t session_duplicates(void);

/* dispatch.c */
uint8_t dispatch(uint8_t type, const uint8_t *body, uint32_t len, uint8_t *out, uint32_t *out_len);
uint8_t type_allowed(uint8_t type, uint8_t state);

/* handlers.c: the device's state and each message's work. */
void device_reset(void);
void device_tick(void);
uint32_t device_digest(void);
uint8_t h_ping(const uint8_t *b, uint32_t n, uint8_t *o, uint32_t *on);
uint8_t h_version(uint8_t *o, uint32_t *on);
uint8_t h_status(uint8_t *o, uint32_t *on);
uint8_t h_reset_counters(void);
uint8_t h_led_set(uint8_t index, uint8_t value);
uint8_t h_led_get(uint8_t index, uint8_t *o, uint32_t *on);
uint8_t h_config_set(uint8_t key, uint32_t value);
uint8_t h_config_get(uint8_t key, uint8_t *o, uint32_t *on);
uint8_t h_config_erase(void);
uint8_t h_kv_put(const uint8_t *b, uint32_t n);
uint8_t h_kv_get(const uint8_t *key, uint32_t n, uint8_t *o, uint32_t *on);
uint8_t h_kv_delete(const uint8_t *key, uint32_t n);
uint8_t h_kv_list(uint8_t *o, uint32_t *on);
uint8_t h_time_set(uint32_t t);
uint8_t h_time_get(uint8_t *o, uint32_t *on);
uint8_t h_alarm_add(uint8_t id, uint32_t at);
uint8_t h_alarm_clear(uint8_t id);
uint8_t h_alarm_list(uint8_t *o, uint32_t *on);
uint8_t h_mem_read(uint16_t offset, uint8_t len, uint8_t *o, uint32_t *on);
uint8_t h_mem_write(uint16_t offset, const uint8_t *b, uint32_t n);
uint8_t h_mem_crc(uint16_t offset, uint16_t len, uint8_t *o, uint32_t *on);
uint8_t h_login(const uint8_t *b, uint32_t n);
uint8_t h_mode_set(uint8_t mode);
uint8_t h_mode_get(uint8_t *o, uint32_t *on);
uint8_t h_adc_read(uint8_t channel, uint8_t *o, uint32_t *on);
uint8_t h_pwm_set(uint8_t channel, uint16_t duty);
uint8_t h_pwm_get(uint8_t channel, uint8_t *o, uint32_t *on);
uint8_t h_gpio_write(uint32_t mask, uint32_t value);
uint8_t h_gpio_read(uint8_t *o, uint32_t *on);
uint8_t h_stream(uint8_t start, uint8_t rate);
uint8_t h_stream_poll(uint8_t *o, uint32_t *on);
uint8_t h_fw_begin(uint32_t size, uint16_t crc);
uint8_t h_fw_chunk(uint16_t offset, const uint8_t *b, uint32_t n);
uint8_t h_fw_end(uint8_t *o, uint32_t *on);
uint8_t h_reboot(void);

/* Little-endian fields. */
static inline uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void put_le16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void put_le32(uint8_t *p, uint32_t v) {
    put_le16(p, v);
    put_le16(p + 2, v >> 16);
}
