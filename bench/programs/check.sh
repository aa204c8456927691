#!/usr/bin/env bash
# Checks each program's C on the host against published test vectors: for every
# bench/programs/<name>/check.c, builds it with the program's units by the host's gcc
# (-Wall -Werror, UBSan aborting on the first finding) and runs it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
for check in "$here"/*/check.c; do
  dir=$(dirname "$check")
  name=$(basename "$dir")
  read -r -a units < <(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["units"]))' "$dir/kernel.json")
  sources=()
  for u in "${units[@]}"; do sources+=("$dir/$u"); done
  gcc -std=c11 -O1 -g -Wall -Werror -fsanitize=undefined -fno-sanitize-recover=all -fno-builtin \
    -I "$dir" "${sources[@]}" "$check" -o "$scratch/$name" -lm
  "$scratch/$name" || status=1
done
exit $status
