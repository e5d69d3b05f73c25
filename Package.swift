// swift-tools-version: 6.0
//
// Lumen: a policy-coherence checker. The package names no outside dependency:
// only the Swift toolchain (Foundation, Swift Testing).
//
// Layers, each depending only on the ones before it:
//   Diagnostics <- Syntax <- Semantics <- Engine <- Findings <- Reports <- Lumen (facade) <- LumenCLI <- lumen
// TextAnalysis (tokens, stop words, English and French stemmers) depends on nothing.
// `Rules/` (the standard library, written in Lumen) is embedded into the `Lumen`
// module at build time by the `EmbedRules` plugin, so there is one source of truth.
import PackageDescription

let package = Package(
    name: "Lumen",
    products: [
        .executable(name: "lumen", targets: ["lumen"]),
        .library(name: "Lumen", targets: ["Lumen"]),
    ],
    targets: [
        .target(name: "Diagnostics"),
        .target(name: "TextAnalysis"),
        .target(name: "Syntax", dependencies: ["Diagnostics"]),
        .target(name: "Semantics", dependencies: ["Diagnostics", "Syntax"]),
        .target(name: "Engine", dependencies: ["Diagnostics", "Syntax", "Semantics"]),
        .target(name: "Findings", dependencies: ["Diagnostics", "Syntax", "Semantics", "Engine"]),
        .target(name: "Reports", dependencies: ["Diagnostics", "Syntax", "Semantics", "Engine", "Findings"]),
        .target(
            name: "Lumen",
            dependencies: ["Diagnostics", "Syntax", "Semantics", "Engine", "Findings", "Reports", "TextAnalysis"],
            plugins: ["EmbedRules"]
        ),
        .target(name: "LumenCLI", dependencies: ["Lumen"]),
        .executableTarget(name: "lumen", dependencies: ["LumenCLI", "Lumen"]),
        .executableTarget(name: "RulesEmbedder"),
        .plugin(
            name: "EmbedRules",
            capability: .buildTool(),
            dependencies: ["RulesEmbedder"]
        ),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"]),
        .testTarget(name: "SyntaxTests", dependencies: ["Syntax", "Diagnostics"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Semantics", "Syntax", "Diagnostics"]),
        .testTarget(
            name: "SemanticsTests",
            dependencies: ["Semantics", "Syntax", "Diagnostics"],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "FindingsTests", dependencies: ["Findings", "Engine", "Semantics", "Syntax", "Diagnostics"]),
        .testTarget(
            name: "LumenTests",
            dependencies: ["Lumen", "LumenCLI", "Diagnostics", "Syntax", "Semantics", "Findings", "Reports"],
            exclude: ["Fixtures", "Goldens"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
