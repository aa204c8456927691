/* firmware.h: what the sensor node's logic (firmware.c) and the code calling it share —
   sizes and the statistics record the native side reads straight out of the module's
   memory. Both sides are ILP32 with 8-byte aligned 64-bit types (wasm32 and the AAPCS), so
   the struct has one layout on both; host.c checks the same fields on the host. */
#ifndef FIRMWARE_H
#define FIRMWARE_H

#include <stdint.h>

/* Longest command line (without its terminator) and longest reply, in bytes. */
#define FW_LINE_MAX 64
#define FW_REPLY_MAX 96

/* Running statistics of the calibrated samples since start-up or the last RST: the module's
   fw_stats, whose address fw_statistics() returns. */
struct fw_stats {
    uint32_t count;
    int32_t min;
    int32_t max;
    int32_t last;
    int64_t sum;
    uint32_t alarms;
    uint32_t errors;
};

#endif
