/// The options of a stage, read from its entry in a pipeline file.
///
/// Options read their values through ``OptionValues``, which reports every wrong type or bad value
/// with its line and column and falls back to the default so that all mistakes are found in one
/// pass. Keys that no ``fields`` entry names are rejected with the nearest valid name.
public protocol StageOptions: Sendable {
    /// Every option the stage accepts, for validation and for `winnow stages`.
    static var fields: [OptionField] { get }
    /// Reads the options; report bad values through `values.error(...)`.
    init(from values: OptionValues) throws
}

/// One documented option of a stage.
public struct OptionField: Sendable, Hashable {
    /// The key in the pipeline file (kebab-case).
    public var name: String
    /// The type as users write it: `string`, `bool`, `int`, `[string]`, `precision|balanced|recall`.
    public var type: String
    /// The default, as it would be written in the file.
    public var defaultValue: String
    /// What the option does.
    public var help: String

    /// Creates an option description.
    public init(_ name: String, type: String, default defaultValue: String, help: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// Options for a stage that takes none.
public struct NoOptions: StageOptions {
    /// No fields.
    public static let fields: [OptionField] = []
    /// Creates the empty options.
    public init() {}
    /// Reads nothing.
    public init(from values: OptionValues) {}
}
