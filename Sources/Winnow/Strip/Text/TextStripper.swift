/// Classifies the blocks of a plain-text page as content or boilerplate.
struct TextStripper {
    let options: StripStage.Options

    /// Removes boilerplate blocks from a text document.
    func strip(_ document: inout Document) {}
}
