/* demo.h: the run the example firmware makes at start-up, shared by main.c (on the part,
   calling weft's object) and host.c (the reference, calling firmware.c natively), so both
   print the same transcript when the compiled code is right.

   A simulated ADC gives one reading per millisecond tick; after each block of DEMO_BLOCK
   readings the next command line "arrives on the UART": it is copied into the module's
   receive buffer, handled, and the reply printed. The includer defines, before including:

     demo_emit(text, n)  writes n bytes of console output
     DEMO_PTR(p)         the C pointer for a pointer an export returned

   and the declarations of fw_sample, fw_command, fw_rx_buffer, fw_tx_buffer and
   fw_statistics.
   With DEMO_TRAP defined the script ends in "AVG 0", which divides by zero. */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>
#include "firmware.h"

#define DEMO_BLOCK 8

static const char *const demo_commands[] = {
    "PING",
    "VER",
    "STAT",
    "PING*6427",     /* with its CRC-16 */
    "PING*0000",     /* a wrong CRC */
    "GAIN 3 2",
    "OFFS -150",
    "DUMP 4",
    "STAT",
    "GAIN 1 0",      /* rejected: a zero denominator */
    "THR 3300 100",
    "ALPHA 256",
    "AVG 16",
    "CRC 123456789", /* the CRC-32 check value: CBF43926 */
    "FROB",
    "RST",
    "DUMP 8",
    "STAT",
#ifdef DEMO_TRAP
    "AVG 0",
#endif
};

#define DEMO_COMMANDS (sizeof demo_commands / sizeof demo_commands[0])
#define DEMO_SAMPLES (DEMO_BLOCK * (DEMO_COMMANDS + 2))

/* The millisecond counter hal_ticks() reports. */
static uint32_t demo_ticks;

/* Reading i of the simulated ADC (12 bits): a triangle wave, some noise, and a spike every
   37 readings (which the median filter removes). */
static int32_t demo_adc(uint32_t i) {
    uint32_t h = i * 2654435761u;
    h ^= h >> 15;
    uint32_t phase = i % 64;
    int32_t wave = (int32_t)(phase < 32 ? phase : 64 - phase) * 45;
    int32_t noise = (int32_t)(h & 31) - 16;
    if (i % 37 == 36) noise += 1500;
    return 1900 + wave + noise;
}

static void demo_text(const char *s) {
    uint32_t n = 0;
    while (s[n]) n++;
    demo_emit(s, n);
}

static void demo_number(uint32_t v) {
    char digits[10];
    uint32_t n = 10;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    demo_emit(digits + n, 10 - n);
}

/* What the board's LED driver reports (hal_led). */
static void demo_led(int32_t on) { demo_text(on ? "LED on\r\n" : "LED off\r\n"); }

static void demo_run(void) {
    uint32_t next = 0;
    for (uint32_t i = 0; i < DEMO_SAMPLES; i++) {
        demo_ticks = i;
        fw_sample(demo_adc(i));
        if (i % DEMO_BLOCK != DEMO_BLOCK - 1 || next == DEMO_COMMANDS) continue;
        const char *command = demo_commands[next++];
        char *rx = (char *)DEMO_PTR(fw_rx_buffer());
        uint32_t n = 0;
        while (command[n] != 0 && n < FW_LINE_MAX) {
            rx[n] = command[n];
            n++;
        }
        demo_text("> ");
        demo_emit(command, n);
        demo_text("\r\n");
        int32_t length = fw_command((int32_t)n);
        demo_emit((const char *)DEMO_PTR(fw_tx_buffer()), (uint32_t)length);
        demo_text("\r\n");
    }
    /* The statistics record, read straight out of the module's memory. */
    const struct fw_stats *stats = (const struct fw_stats *)DEMO_PTR(fw_statistics());
    demo_text("samples ");
    demo_number(stats->count);
    demo_text(" errors ");
    demo_number(stats->errors);
    demo_text(" alarms ");
    demo_number(stats->alarms);
    demo_text(" last ");
    demo_number((uint32_t)stats->last);
    demo_text("\r\ndone\r\n");
}

#endif
