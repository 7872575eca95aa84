import Foundation
import GroundworkCore

/// The wall clock, in seconds since 1970.
public struct SystemGroupClock: GroupClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
}
