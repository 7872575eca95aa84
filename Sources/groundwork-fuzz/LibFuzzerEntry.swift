#if LIBFUZZER
import Foundation
import GroundworkCore

// Compiled with `-sanitize=fuzzer -D LIBFUZZER` and linked by scripts/fuzz.sh against libFuzzer's
// own `main` (SwiftPM's link of an executable renames `main`, so its link step is not used):
// libFuzzer drives the target named by GROUNDWORK_FUZZ_TARGET with coverage feedback.

private let selected: FuzzTarget = {
    let environment = ProcessInfo.processInfo.environment
    let name = environment["GROUNDWORK_FUZZ_TARGET"] ?? "yaml"
    let rulesDir = (environment["GROUNDWORK_DIALOGUES"] ?? "dialogues") + "/rules"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: rulesDir)) ?? []).sorted().filter { $0.hasSuffix(".yaml") }
    let bundled = names.compactMap { name -> SourceFile? in
        let path = rulesDir + "/" + name
        return FileManager.default.contents(atPath: path).map { SourceFile(path: path, text: String(decoding: $0, as: UTF8.self)) }
    }
    let prompts = bundledPrompts(in: environment["GROUNDWORK_PROMPTS"] ?? "prompts")
    let classifier = sourceFile(at: (environment["GROUNDWORK_DIALOGUES"] ?? "dialogues") + "/classifier/task-exposure.yaml")
    guard let target = Targets.all(bundledRules: bundled, prompts: prompts, classifier: classifier).first(where: { $0.name == name }) else {
        fail("unknown GROUNDWORK_FUZZ_TARGET '\(name)'")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = selected.run(bytes)
    return 0
}
#endif
