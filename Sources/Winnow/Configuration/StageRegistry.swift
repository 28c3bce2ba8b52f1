/// The stages a pipeline file may name, by name.
///
/// ``builtIn`` lists winnow's own stages explicitly; library users add theirs with
/// ``register(_:)`` and pass the registry to ``PipelineLoader``.
public struct StageRegistry: Sendable {
    /// A registered stage type, erased: its name, documentation and how to read its options.
    public struct Entry: Sendable {
        /// The stage's name in pipeline files.
        public let name: String
        /// One line saying what it does.
        public let summary: String
        /// Its options.
        public let fields: [OptionField]
        /// Reads options and returns a factory of per-worker instances.
        let configure: @Sendable (OptionValues) throws -> StageFactory
    }

    /// Entries by name, in registration order.
    public private(set) var entries: [Entry] = []

    /// Creates an empty registry.
    public init() {}

    /// Adds a stage type; a later registration of the same name replaces the earlier one.
    public mutating func register<S: Stage>(_ type: S.Type) {
        let entry = Entry(name: S.name, summary: S.summary, fields: S.Options.fields) { values in
            let options = try S.Options(from: values)
            let queries = (options as? any XPathQueryOptions)?.xpathQueries ?? []
            return StageFactory(name: S.name, xpathQueries: queries) { context in try S(options: options, context: context) }
        }
        if let index = entries.firstIndex(where: { $0.name == S.name }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
    }

    /// The entry registered under `name`.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// All registered names.
    public var names: [String] { entries.map(\.name) }
}

/// Makes per-worker instances of one configured stage.
public struct StageFactory: Sendable {
    /// The stage's name.
    public let name: String
    /// XPath expressions the stage needs evaluated on each page's libxml2 tree
    /// (``XPathQueryOptions``).
    public var xpathQueries: [String] = []
    /// Makes an instance for one worker.
    public let make: @Sendable (StageContext) throws -> any Stage

    /// Creates a factory.
    public init(name: String, xpathQueries: [String] = [], make: @escaping @Sendable (StageContext) throws -> any Stage) {
        self.name = name
        self.xpathQueries = xpathQueries
        self.make = make
    }
}
