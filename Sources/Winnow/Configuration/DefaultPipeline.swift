/// The pipeline `winnow run` uses without a pipeline file.
public enum DefaultPipeline {
    /// Every built-in stage in the standard order; input and output come from the command line.
    public static let yaml = """
        version: 1
        stages:
          - read
          - write
        """
}
