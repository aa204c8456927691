#!/usr/bin/env python3
"""The bench's kernels, across its two corpora: the one listing build.sh, the Makefile and
run.py use (the tests use its Swift twin, `BenchKernels` in Sources/Harness/Kernel.swift).

  bench/corpus/<name>/    small kernels, one hot path each (bench/corpus/README.md)
  bench/programs/<name>/  programs the size and shape of real firmware (bench/programs/README.md)

Every kernel is a folder holding kernel.json; names are unique across both corpora, since
bench/build/<name>/ holds the builds of either.

usage: kernels.py              the names, one a line (corpus first, then programs; sorted)
       kernels.py --dir NAME   the folder of kernel NAME
       kernels.py --corpus C   the names in corpus C only
Exits 1 when a name is in both corpora or (--dir) in neither.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = ("corpus", "programs")


def kernels():
    """(name, corpus, folder) of every kernel, corpus by corpus, names sorted; duplicates kept."""
    out = []
    for corpus in CORPORA:
        root = os.path.join(HERE, corpus)
        names = sorted(os.listdir(root)) if os.path.isdir(root) else []
        out += [(n, corpus, os.path.join(root, n)) for n in names
                if os.path.exists(os.path.join(root, n, "kernel.json"))]
    return out


def duplicates(listing):
    names = [name for name, _, _ in listing]
    return sorted({n for n in names if names.count(n) > 1})


def main(argv):
    listing = kernels()
    twice = duplicates(listing)
    if twice:
        sys.exit("kernel names in both corpora: " + ", ".join(twice))
    if len(argv) == 2 and argv[0] == "--dir":
        for name, _, folder in listing:
            if name == argv[1]:
                print(folder)
                return
        sys.exit(f"no kernel {argv[1]} in bench/{' or bench/'.join(CORPORA)}")
    if len(argv) == 2 and argv[0] == "--corpus":
        print("\n".join(name for name, corpus, _ in listing if corpus == argv[1]))
        return
    if argv:
        sys.exit(__doc__)
    print("\n".join(name for name, _, _ in listing))


if __name__ == "__main__":
    main(sys.argv[1:])
