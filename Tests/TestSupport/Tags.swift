import Testing

extension Tag {
    /// End-to-end suites that run whole pipelines or the binary (seconds each, not milliseconds).
    /// Each also carries a time limit, so a hang fails the suite instead of stalling CI.
    @Tag public static var slow: Self
}
