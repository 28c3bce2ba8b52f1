/// What a stage decided about a document: go on with it, or drop it for a reason.
public enum Disposition: Sendable, Hashable {
    /// The document goes on to the next stage.
    case keep
    /// The document is dropped; the reason is counted in the run report (kebab-case, e.g. `empty`).
    case drop(reason: String)
}
