#if LIBFUZZER
import Foundation
import GroundworkCore

// Built with `-sanitize=fuzzer -parse-as-library -D LIBFUZZER` (see `make fuzz`): libFuzzer drives
// the target named by GROUNDWORK_FUZZ_TARGET, with coverage feedback instead of the harness's own.
private let selected: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["GROUNDWORK_FUZZ_TARGET"] ?? "yaml"
    let dialogues = ProcessInfo.processInfo.environment["GROUNDWORK_DIALOGUES"] ?? "dialogues"
    let rulesDir = dialogues + "/rules"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: rulesDir)) ?? []).sorted().filter { $0.hasSuffix(".yaml") }
    let bundled = names.compactMap { name -> SourceFile? in
        let path = rulesDir + "/" + name
        return FileManager.default.contents(atPath: path).map { SourceFile(path: path, text: String(decoding: $0, as: UTF8.self)) }
    }
    guard let target = Targets.all(bundledRules: bundled).first(where: { $0.name == name }) else {
        fatalError("unknown GROUNDWORK_FUZZ_TARGET '\(name)'")
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
