// swift-tools-version:6.0
// Weft: a WebAssembly optimizer and Cortex-M compiler. Each pipeline stage is one target
// (one folder under Sources/), with its tests in one folder under Tests/.

import PackageDescription

let package = Package(
    name: "weft",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weft", targets: ["weft"])
    ],
    dependencies: [
        .package(url: "https://github.com/swiftwasm/WasmKit", from: "0.4.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The Wasm module model: value types, instructions, sections. Plain value types.
        .target(name: "WasmModel"),
        // Binary (WasmKit's WasmParser) and text (WasmKit's WAT) into the model.
        .target(
            name: "WasmDecode",
            dependencies: [
                "WasmModel",
                .product(name: "WasmParser", package: "WasmKit"),
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),
        // Type checking of a module, per the core spec's validation algorithm.
        .target(name: "WasmValidate", dependencies: ["WasmModel"]),
        // The model back to bytes: minimal LEB128, custom and name sections kept.
        .target(name: "WasmEncode", dependencies: ["WasmModel"]),
        // Named passes under one small runner: skipped, timed, verified and printed as asked.
        .target(name: "Passes"),
        // The e-graph: hash-consed e-nodes, union-find, rebuilding, facts, extraction.
        .target(name: "EGraph", dependencies: ["WasmModel"]),
        // The rules language: `rules/*.weft` parsed and type-checked into patterns and guards,
        // and its meaning on constants (`ConstantEvaluation`).
        .target(name: "Rules", dependencies: ["WasmModel"]),
        // The repository's rules/ (rules, inline policies, tiles, tile helpers) built into the
        // executable by the EmbedShippedRules plugin, which runs the EmbedRules tool.
        .executableTarget(name: "EmbedRules", dependencies: ["Rules"]),
        .plugin(name: "EmbedShippedRules", capability: .buildTool(), dependencies: ["EmbedRules"]),
        .target(name: "ShippedRules", dependencies: ["Rules"], plugins: ["EmbedShippedRules"]),
        // Equality saturation: rules compiled to matchers, guards on facts, the runner.
        .target(name: "Rewrite", dependencies: ["EGraph", "Rules", "WasmModel"]),
        // The mid-level IR: a lifted function's skeleton (ordered effects, structured control
        // flow) over its e-graph, its verifier and its text.
        .target(name: "IR", dependencies: ["EGraph", "WasmModel"]),
        // A whole function into the e-graph (the IR): pure values as e-classes, effects and structured
        // control flow on an ordered skeleton, locals as value flow, calls inlined on request.
        .target(name: "Lift", dependencies: ["IR", "EGraph", "WasmModel"]),
        // The skeleton and the extracted program back to Wasm: elaboration, then locals sunk
        // into their readers and coalesced by liveness.
        .target(name: "Lower", dependencies: ["IR", "Lift", "EGraph", "Passes", "WasmModel", "WasmEncode"]),
        // The Thumb-2 machine layer: ARMv7-M instructions, their encodings (16-bit whenever
        // one exists), and UAL text checked against LLVM's assembler.
        .target(name: "Thumb"),
        // ELF32 Arm relocatable objects: written for the linkers, read for the harness.
        .target(name: "ELF"),
        // `weft compile`: Wasm functions covered by the tiles of rules/*.tiles, registers
        // allocated by graph coloring, laid out and written as an ELF object.
        .target(
            name: "Compile",
            dependencies: [
                "Thumb", "ELF", "Rules", "Rewrite", "EGraph", "Lower", "Passes", "WasmModel", "WasmDecode",
                "WasmValidate",
            ]),
        // Test support: a Cortex-M3 in Unicorn (Debian's libunicorn-dev), objects and linked
        // images loaded, functions called per the AAPCS.
        .systemLibrary(name: "CUnicorn", pkgConfig: "unicorn", providers: [.apt(["libunicorn-dev"])]),
        .target(name: "UnicornShim", dependencies: ["CUnicorn"]),
        .target(name: "ThumbHarness", dependencies: ["CUnicorn", "UnicornShim", "ELF"]),
        // Z3's C API (Debian's libz3-dev) and a small Swift layer that owns its objects.
        .systemLibrary(name: "CZ3", pkgConfig: "z3", providers: [.apt(["libz3-dev"])]),
        .target(name: "Z3", dependencies: ["CZ3"]),
        // `weft prove`: rules encoded into Z3 with Wasm's exact semantics, proved, refuted
        // with a checked counterexample, and kept as SMT-LIB2 in proofs/.
        .target(name: "Prove", dependencies: ["Z3", "Rules", "WasmModel"]),
        // Exact extraction for hot functions: the e-graph's cheapest program as a weighted
        // MaxSAT problem solved by Z3's optimizer.
        .target(name: "ExactExtraction", dependencies: ["EGraph", "Z3"]),
        // The two pipelines the CLI and the test harnesses share: decode → passes → validate →
        // encode (`weft optimize`), and decode → saturate → elaborate → compile (`weft compile`).
        .target(
            name: "Pipeline",
            dependencies: [
                "WasmModel", "WasmDecode", "WasmValidate", "WasmEncode", "EGraph", "IR", "Lift", "Lower", "Rewrite",
                "Rules", "Compile", "ELF", "Passes", "ExactExtraction",
            ]
        ),
        // Test support: runs `.wast` scripts on WasmKit's runtime, modules first sent
        // through a pipeline.
        .target(
            name: "Harness",
            dependencies: [
                "Pipeline", "WasmDecode", "WasmModel", "Rules",
                .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),
        .executableTarget(
            name: "weft",
            dependencies: [
                "Pipeline", "Rules", "ShippedRules", "Rewrite", "Prove", "Z3", "WasmDecode", "WasmModel", "Compile",
                "ELF", "Passes", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WasmTests",
            dependencies: ["WasmModel", "WasmDecode", "WasmValidate", "WasmEncode", "Pipeline"]
        ),
        .testTarget(name: "SpecSuiteTests", dependencies: ["Harness", "Pipeline"]),
        .testTarget(name: "CLITests", dependencies: ["Pipeline", "Harness", "WasmModel"]),
        .testTarget(name: "BenchTests", dependencies: ["Pipeline", "Harness", "WasmDecode"]),
        .testTarget(
            name: "LiftTests",
            dependencies: [
                "IR", "Lift", "Lower", "Passes", "Rewrite", "EGraph", "Pipeline", "Harness", "WasmModel", "WasmDecode",
                .product(name: "WasmKit", package: "WasmKit"),
            ]
        ),
        .testTarget(name: "EGraphTests", dependencies: ["EGraph", "WasmModel", "Harness"]),
        .testTarget(name: "ExactExtractionTests", dependencies: ["ExactExtraction", "EGraph", "WasmModel", "Z3"]),
        .testTarget(
            name: "ProveTests",
            dependencies: [
                "Prove", "Z3", "Rules", "WasmModel", "Harness",
                .product(name: "WasmKit", package: "WasmKit"), .product(name: "WAT", package: "WasmKit"),
            ],
            exclude: ["wrong-rules.weft"]
        ),
        .testTarget(
            name: "ThumbTests", dependencies: ["Thumb", "ELF", "ThumbHarness", "Harness", "WasmDecode", "WasmModel"]),
        .testTarget(
            name: "CompileTests",
            dependencies: [
                "Compile", "ELF", "Passes", "Thumb", "ThumbHarness", "Harness", "Pipeline", "WasmDecode", "WasmModel",
                .product(name: "WAT", package: "WasmKit"), .product(name: "WasmKit", package: "WasmKit"),
            ]
        ),
        .testTarget(
            name: "RulesTests", dependencies: ["Rules", "ShippedRules", "Rewrite", "EGraph", "WasmModel", "Harness"]),
    ]
)
