import Foundation
import PackagePlugin

/// Builds the `ShippedRules` target's data: every file of the package's `rules/` folder that
/// weft loads (`*.weft`, `*.tiles`, `*.wat`) embedded in a generated Swift file, so that the
/// `weft` executable carries its rules wherever it is installed.
///
/// Invariant: the generated file is remade whenever one of those files changes (each is an
/// input of the build command), and it holds them in name order, byte for byte.
@main
struct EmbedShippedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path())
            .filter { $0.hasSuffix(".weft") || $0.hasSuffix(".tiles") || $0.hasSuffix(".wat") }
            .sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "ShippedRulesData.swift")
        return [
            .buildCommand(
                displayName: "Embedding the shipped rules (\(names.count) files)",
                executable: try context.tool(named: "EmbedRules").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
