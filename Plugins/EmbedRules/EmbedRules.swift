// Embeds every `Rules/**/*.lumen` file into the module that uses this plugin.
//
// Each rule file is listed as an input, so adding or editing one reruns the
// generator on the next build: the binary never carries a stale copy.
import Foundation
import PackagePlugin

@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        // Every rule file, and every folder (so that adding a file reruns the generator).
        var inputs: [URL] = [rules]
        for relative in (FileManager.default.subpaths(atPath: rules.path) ?? []).sorted() {
            let url = rules.appending(path: relative)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if isDirectory.boolValue || relative.hasSuffix(".lumen") { inputs.append(url) }
        }
        let fileCount = inputs.filter { $0.pathExtension == "lumen" }.count
        return [
            .buildCommand(
                displayName: "Embedding \(fileCount) rule files from Rules/",
                executable: try context.tool(named: "RulesEmbedder").url,
                arguments: [rules.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
