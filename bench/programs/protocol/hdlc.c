/* The framing layer: a byte-at-a-time receiver (hunt for a flag, collect, unescape, check
   the frame check sequence) and the encoder for answers. CRC-16/X.25: reflected 0x8408,
   initial 0xFFFF, complemented, sent low byte first; over a good frame the running value
   ends at 0xF0B8. */
#include "proto.h"

enum { RX_HUNT, RX_DATA, RX_ESCAPE };

static uint8_t rx_state;
static uint8_t rx_buf[MAX_FRAME];
static uint32_t rx_len;
static uint16_t rx_fcs;
static struct link_stats stats;

void hdlc_reset(void) {
    rx_state = RX_HUNT;
    rx_len = 0;
    rx_fcs = 0xFFFF;
    stats.frames = stats.runts = stats.fcs_errors = stats.aborts = 0;
    stats.overruns = stats.foreign = stats.tx_frames = stats.tx_dropped = 0;
}

struct link_stats *hdlc_stats(void) { return &stats; }

uint16_t fcs16(uint16_t fcs, const uint8_t *p, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        fcs ^= p[i];
        for (int b = 0; b < 8; b++) fcs = (uint16_t)(fcs & 1 ? (fcs >> 1) ^ 0x8408 : fcs >> 1);
    }
    return fcs;
}

static void start_frame(void) {
    rx_len = 0;
    rx_fcs = 0xFFFF;
    rx_state = RX_DATA;
}

static void append(uint8_t b) {
    if (rx_len == MAX_FRAME) {
        stats.overruns++;
        rx_state = RX_HUNT;
        return;
    }
    rx_buf[rx_len++] = b;
    rx_fcs = fcs16(rx_fcs, &b, 1);
}

/* Feeds one byte. When it completes a good frame for this station, copies the frame to
   `frame` as the address byte then the payload (control and FCS dropped) and returns that
   length; otherwise returns -1. */
int32_t hdlc_rx_byte(uint8_t b, uint8_t *frame) {
    switch (rx_state) {
    case RX_HUNT:
        if (b == FLAG) start_frame();
        return -1;
    case RX_ESCAPE:
        if (b == FLAG) { /* 7D 7E aborts the frame */
            stats.aborts++;
            start_frame();
            return -1;
        }
        rx_state = RX_DATA;
        append(b ^ 0x20);
        return -1;
    case RX_DATA:
        if (b == ESC) {
            rx_state = RX_ESCAPE;
            return -1;
        }
        if (b != FLAG) {
            append(b);
            return -1;
        }
        break;
    default:
        rx_state = RX_HUNT;
        return -1;
    }
    /* A flag closes the frame (and opens the next). */
    uint32_t len = rx_len;
    uint16_t fcs = rx_fcs;
    start_frame();
    if (len == 0) return -1;
    if (len < 6) {
        stats.runts++;
        return -1;
    }
    if (fcs != 0xF0B8) {
        stats.fcs_errors++;
        return -1;
    }
    if ((rx_buf[0] != MY_ADDRESS && rx_buf[0] != BROADCAST) || rx_buf[1] != UI_CONTROL) {
        stats.foreign++;
        return -1;
    }
    stats.frames++;
    frame[0] = rx_buf[0];
    for (uint32_t i = 2; i < len - 2; i++) frame[i - 1] = rx_buf[i];
    return (int32_t)(len - 3);
}

static uint32_t put_escaped(uint8_t *out, uint32_t at, uint32_t cap, uint8_t b, uint32_t accm) {
    if (b == FLAG || b == ESC || (b < 0x20 && (accm >> b & 1))) {
        if (at + 2 > cap) return cap + 1;
        out[at] = ESC;
        out[at + 1] = b ^ 0x20;
        return at + 2;
    }
    if (at + 1 > cap) return cap + 1;
    out[at] = b;
    return at + 1;
}

/* Encodes an answer: flag, address, control, payload, FCS, flag, escaped. Returns the bytes
   written, or 0 (and nothing counted as sent) when it does not fit in `cap`. */
uint32_t hdlc_encode(const uint8_t *payload, uint32_t n, uint8_t *out, uint32_t cap, uint32_t accm) {
    uint8_t head[2] = {MY_ADDRESS, UI_CONTROL};
    uint16_t fcs = fcs16(fcs16(0xFFFF, head, 2), payload, n) ^ 0xFFFF;
    uint32_t at = 0;
    if (cap < 2) goto full;
    out[at++] = FLAG;
    for (uint32_t i = 0; i < 2 && at <= cap; i++) at = put_escaped(out, at, cap, head[i], accm);
    for (uint32_t i = 0; i < n && at <= cap; i++) at = put_escaped(out, at, cap, payload[i], accm);
    if (at <= cap) at = put_escaped(out, at, cap, (uint8_t)fcs, accm);
    if (at <= cap) at = put_escaped(out, at, cap, (uint8_t)(fcs >> 8), accm);
    if (at + 1 > cap) goto full;
    out[at++] = FLAG;
    stats.tx_frames++;
    return at;
full:
    stats.tx_dropped++;
    return 0;
}
