/// Groundwork's version: the one place it is written. `groundwork --version` and `groundwork
/// doctor` print it.
public enum GroundworkVersion {
    /// Semantic version of this build, e.g. "0.1.0".
    public static let current = "0.1.0"
}
