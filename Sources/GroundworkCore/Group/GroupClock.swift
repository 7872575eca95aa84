/// Where a group's time comes from: the wall clock in the terminal, a hand-moved one in tests, so
/// timers never need real waiting. Seconds, from any fixed origin.
public protocol GroupClock: Sendable {
    func now() -> Double
}
