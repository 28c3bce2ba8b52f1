/// winnow's version.
public enum WinnowVersion {
    /// The version string, written into manifests and reports.
    public static let current = "0.1.0"
}
