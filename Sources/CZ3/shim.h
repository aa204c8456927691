// Z3's C API, from Debian's libz3-dev.
#include <z3.h>
