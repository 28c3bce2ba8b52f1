/// A sum of small decision trees (gradient boosting), read from a compact text form and
/// evaluated on a row of features.
///
/// The text form is `base rate` and then each tree in preorder: a split is `feature<threshold`
/// (rows whose feature is below the threshold go left), a leaf is `=value`; tokens are separated
/// by spaces and trees by `|`. The score is `base + rate × Σ leaf values`, as log-odds.
struct TreeEnsemble: Sendable {
    /// One node: a split on a feature (or a leaf), its threshold or value, its right child.
    struct Node: Sendable {
        /// The feature index, or -1 for a leaf.
        var feature: Int32
        /// The right child's index (the left child is the next node); -1 for a leaf.
        var right: Int32
        /// A split's threshold, or a leaf's value.
        var value: Double
    }

    /// The nodes of all trees, each tree in preorder.
    private var nodes: [Node] = []
    /// The first node of every tree.
    private var roots: [Int] = []
    /// The score before any tree.
    private(set) var base = 0.0
    /// The weight of every tree's leaf value.
    private(set) var rate = 1.0

    /// Reads the text form; a malformed text gives an ensemble that scores `base`.
    init(_ text: String) {
        let trees = text.split(separator: "|")
        guard let header = trees.first else { return }
        let numbers = header.split(separator: " ").compactMap { Double($0) }
        if numbers.count == 2 { (base, rate) = (numbers[0], numbers[1]) }
        for tree in trees.dropFirst() {
            let tokens = tree.split(whereSeparator: { $0 == " " || $0 == "\n" })
            var position = 0
            let start = nodes.count
            if read(tokens, &position) { roots.append(start) } else { nodes.removeSubrange(start...) }
        }
    }

    /// The number of trees.
    var count: Int { roots.count }

    /// Reads one node and its subtrees from `tokens`; false when the text is malformed.
    private mutating func read(_ tokens: [Substring], _ position: inout Int) -> Bool {
        guard position < tokens.count else { return false }
        let token = tokens[position]
        position += 1
        let node = nodes.count
        if token.first == "=" {
            guard let leaf = Double(token.dropFirst()) else { return false }
            nodes.append(Node(feature: -1, right: -1, value: leaf))
            return true
        }
        let parts = token.split(separator: "<")
        guard parts.count == 2, let index = Int32(parts[0]), index >= 0, let threshold = Double(parts[1]) else { return false }
        nodes.append(Node(feature: index, right: -1, value: threshold))
        guard read(tokens, &position) else { return false }
        nodes[node].right = Int32(nodes.count)
        return read(tokens, &position)
    }

    /// The log-odds score of a row of features.
    func score(_ row: [Double]) -> Double {
        row.withUnsafeBufferPointer { score($0) }
    }

    /// The log-odds score of a row of features in memory (at least as many as the largest index).
    func score(_ row: UnsafeBufferPointer<Double>) -> Double {
        nodes.withUnsafeBufferPointer { nodes in
            var sum = 0.0
            for root in roots {
                var index = root
                while true {
                    let feature = Int(nodes[index].feature)
                    if feature < 0 { break }
                    index = row[feature] < nodes[index].value ? index &+ 1 : Int(nodes[index].right)
                }
                sum += nodes[index].value
            }
            return base + rate * sum
        }
    }
}
