/* Host check: xxHash32's published values, a frame written by the lz4 command line tool, and
 * round trips of the compressor through the decompressor. bench/programs/check.sh runs it. */
#include <stdio.h>
#include <string.h>
#include "lz.h"

static int failures;

static void unhex(const char *hex, uint8_t *out) {
    for (size_t i = 0; hex[2 * i]; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

int main(void) {
    static uint8_t work[LZ_WORK_BYTES], in[20000], packed[24000], out[20000];
    if (lz_xxh32((const uint8_t *)"", 0, 0) != 0x02cc5d05u) { printf("FAIL xxh32 empty\n"); failures++; }
    if (lz_xxh32((const uint8_t *)"", 0, 1) != 0x0b2cb792u) { printf("FAIL xxh32 empty seed 1\n"); failures++; }
    const char *frame = "04224d186440a7350000008e48656c6c6f2c20680700f51121204c5a34206672616d65732066726f6d2074"
                        "6865206c7a3420746f6f6c2e203a00506c6c6f2e0a000000004223b5be";
    uint8_t f[128];
    unhex(frame, f);
    const char *text = "Hello, hello, hello, hello! LZ4 frames from the lz4 tool. Hello, hello.\n";
    int n = lz_frame_unpack(f, (uint32_t)strlen(frame) / 2, out, sizeof out);
    if (n != (int)strlen(text) || memcmp(out, text, (size_t)n) != 0) { printf("FAIL lz4 tool frame %d\n", n); failures++; }
    uint32_t state = 12345;
    for (uint32_t size = 0; size < 20000; size = size * 3 + 1) {
        for (uint32_t i = 0; i < size; i++) {
            state = state * 1103515245u + 12345u;
            in[i] = (uint8_t)((state >> 16) % ((i / 500) % 7 + 2)); /* runs of low entropy */
        }
        int c = lz_roundtrip(in, size, packed, sizeof packed, work);
        if (c < 0) { printf("FAIL round trip %u: %d\n", size, c); failures++; }
        int p = lz_frame_pack(in, size, packed, sizeof packed, work);
        int u = lz_frame_unpack(packed, (uint32_t)p, out, sizeof out);
        if (u != (int)size || memcmp(in, out, size) != 0) { printf("FAIL frame %u\n", size); failures++; }
    }
    printf("lzdec: %s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}
