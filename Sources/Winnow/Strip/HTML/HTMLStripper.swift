/// Keeps the main content of an HTML page's blocks, judged on the page's tree.
struct HTMLStripper {
    let options: StripStage.Options

    /// Removes boilerplate blocks from an HTML document.
    func strip(_ document: inout Document) {}
}
