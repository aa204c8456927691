/* Saturation helper shared by the controller. */
#include <stdint.h>

int32_t clamp_i32(int32_t v, int32_t lo, int32_t hi) {
    return v < lo ? lo : v > hi ? hi : v;
}
