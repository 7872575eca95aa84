/// Groups the engine's suites, so `swift test --filter Runtime` selects them.
enum RuntimeTests {}
