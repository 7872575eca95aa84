import Testing

/// Faults while writing (read-only folder, full disk, folder in place of a file, lock held elsewhere):
/// `swift test --filter Fault`.
@Suite enum FaultTests {}
