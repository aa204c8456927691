/* The session layer: which messages each state admits, sequence numbers (a repeated type and
   sequence number is a retransmission: the cached answer goes out again, the command does
   not run twice), and the exported entry points that feed bytes through the whole stack. */
#include "proto.h"

#define CACHE_MAX 96

static uint8_t state;
static uint8_t last_type, last_seq, have_cache;
static uint8_t cache[CACHE_MAX];
static uint32_t cache_len;
static uint16_t duplicates;

void session_reset(void) {
    state = SS_LOCKED;
    have_cache = 0;
    cache_len = 0;
    duplicates = 0;
    last_type = last_seq = 0;
}

uint8_t session_state(void) { return state; }
void session_set_state(uint8_t s) { state = s; }
uint16_t session_duplicates(void) { return duplicates; }

/* One request payload (type, sequence, body) in; the answer payload (type | 0x80,
   sequence, status, body) out. Returns the answer's length. */
uint32_t session_handle(const uint8_t *payload, uint32_t n, uint8_t *resp) {
    uint8_t type = payload[0], seq = payload[1];
    if (have_cache && type == last_type && seq == last_seq) {
        duplicates++;
        for (uint32_t i = 0; i < cache_len; i++) resp[i] = cache[i];
        return cache_len;
    }
    uint32_t body = 0;
    uint8_t status;
    uint8_t allowed = type_allowed(type, state);
    if (allowed == 0) status = ST_STATE;
    else status = dispatch(type, payload + 2, n - 2, resp + 3, &body);
    resp[0] = (uint8_t)(type | 0x80);
    resp[1] = seq;
    resp[2] = status;
    uint32_t len = 3 + body;
    last_type = type;
    last_seq = seq;
    have_cache = len <= CACHE_MAX;
    if (have_cache) {
        cache_len = len;
        for (uint32_t i = 0; i < len; i++) cache[i] = resp[i];
    }
    device_tick();
    return len;
}

static uint32_t accm_for_answers = 0xFFFFFFFFu;

/* Hot export: a fresh device. */
void proto_reset(void) {
    hdlc_reset();
    session_reset();
    device_reset();
    accm_for_answers = 0xFFFFFFFFu;
}

/* Hot export: bytes from the line in, answer frames out (up to `cap` bytes; an answer that
   does not fit is dropped and counted). Broadcast requests run but get no answer. Returns
   the bytes written. */
uint32_t proto_rx(const uint8_t *in, uint32_t n, uint8_t *out, uint32_t cap) {
    uint8_t frame[MAX_FRAME];
    uint8_t answer[MAX_FRAME];
    uint32_t written = 0;
    for (uint32_t i = 0; i < n; i++) {
        int32_t len = hdlc_rx_byte(in[i], frame);
        if (len < 0) continue;
        uint32_t alen = session_handle(frame + 1, (uint32_t)len - 1, answer);
        if (frame[0] == BROADCAST) continue;
        /* A configuration write may have changed the map: answers use the current one. */
        uint8_t cfg[4];
        uint32_t cl;
        if (h_config_get(2, cfg, &cl) == ST_OK) accm_for_answers = le32(cfg);
        written += hdlc_encode(answer, alen, out + written, cap - written, accm_for_answers);
    }
    return written;
}

/* Hot export: the framer alone. */
uint32_t proto_encode(const uint8_t *payload, uint32_t n, uint8_t *out, uint32_t cap, uint32_t accm) {
    return hdlc_encode(payload, n, out, cap, accm);
}

/* Hot export: the link's counters, the session, and a digest of the device's state (24
   bytes). Returns the digest. */
uint32_t proto_status(uint8_t *out) {
    struct link_stats *s = hdlc_stats();
    put_le16(out, s->frames);
    put_le16(out + 2, s->runts);
    put_le16(out + 4, s->fcs_errors);
    put_le16(out + 6, s->aborts);
    put_le16(out + 8, s->overruns);
    put_le16(out + 10, s->foreign);
    put_le16(out + 12, s->tx_frames);
    put_le16(out + 14, s->tx_dropped);
    put_le16(out + 16, duplicates);
    out[18] = state;
    out[19] = have_cache;
    uint32_t digest = device_digest();
    put_le32(out + 20, digest);
    return digest;
}
