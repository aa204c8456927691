#!/usr/bin/env bash
# Builds one kernel of bench/corpus or bench/programs (kernels.py finds it) four ways into
# bench/build/<kernel>/:
#   <k>.wasm            clang --target=wasm32 -Oz, one object per unit, linked by wasm-ld
#                       exporting only the hot entries (calls across units survive)
#   <k>.relocs.wasm     the same link with --emit-relocs (the linker's relocations kept)
#   <k>.wasm-opt.wasm   wasm-opt -Oz of <k>.wasm
#   <k>.clang.o         clang --target=thumbv7m-none-eabi -Oz, all units as one program
#   <k>.gcc.o           arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -Os, all units as one program
set -euo pipefail
kernel=$1
here=$(cd "$(dirname "$0")" && pwd)
src=$(python3 "$here/kernels.py" --dir "$kernel")
out=$here/build/$kernel
TOOLCHAIN=${TOOLCHAIN:-$(dirname "$(command -v swift)")}
CLANG=$TOOLCHAIN/clang
WASM_LD=$TOOLCHAIN/wasm-ld
mkdir -p "$out"

read -r -a units < <(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["units"]))' "$src/kernel.json")
read -r -a hot < <(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["hot"]))' "$src/kernel.json")

common=(-Oz -ffreestanding -fno-builtin -Wall -Werror -I "$src")

# (a) Wasm: one object per unit, then wasm-ld.
objects=()
for u in "${units[@]}"; do
  o=$out/${u%.c}.wasm.o
  "$CLANG" --target=wasm32 "${common[@]}" -c "$src/$u" -o "$o"
  objects+=("$o")
done
exports=()
for h in "${hot[@]}"; do exports+=("--export=$h"); done
"$WASM_LD" --no-entry "${exports[@]}" -z stack-size=8192 --initial-memory=131072 \
  "${objects[@]}" -o "$out/$kernel.wasm"
# (a') the same link keeping the linker's relocations: where the code and data hold memory
# addresses (MemoryRelocations), for moving the memory as a native linker places a section.
"$WASM_LD" --no-entry "${exports[@]}" -z stack-size=8192 --initial-memory=131072 --emit-relocs \
  "${objects[@]}" -o "$out/$kernel.relocs.wasm"

# (d) wasm-opt -Oz of (a).
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
  --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
  "$out/$kernel.wasm" -o "$out/$kernel.wasm-opt.wasm"

# (b), (c): native, every unit in one translation unit, as a firmware build would see it.
all=$out/all.c
: > "$all"
for u in "${units[@]}"; do echo "#include \"$src/$u\"" >> "$all"; done
"$CLANG" --target=thumbv7m-none-eabi -mcpu=cortex-m3 -mthumb "${common[@]}" -c "$all" -o "$out/$kernel.clang.o"
arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -Os -ffreestanding -fno-builtin -Wall -Werror -I "$src" \
  -c "$all" -o "$out/$kernel.gcc.o"

# Every hot entry must exist in every artifact.
for h in "${hot[@]}"; do
  for o in "$out/$kernel.clang.o" "$out/$kernel.gcc.o"; do
    arm-none-eabi-nm "$o" | grep -q " T $h\$" || { echo "$o: $h missing" >&2; exit 1; }
  done
  for w in "$out/$kernel.wasm" "$out/$kernel.wasm-opt.wasm"; do
    wasm-objdump -x -j Export "$w" | grep -q "\"$h\"" || { echo "$w: export $h missing" >&2; exit 1; }
  done
done
echo "built $kernel"
