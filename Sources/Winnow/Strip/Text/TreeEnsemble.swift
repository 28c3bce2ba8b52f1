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
    /// The nodes as steps of a walk that may go on past a leaf: a leaf's step leads back to
    /// itself whatever the row (``score(_:)-(UnsafeBufferPointer<Double>)``).
    private var steps: [Step] = []
    /// The most splits on a path from a root to a leaf.
    private var depth = 0

    /// One step of a walk: to `left` when the row's `feature` is below `threshold`, else `right`.
    struct Step: Sendable {
        var feature: Int32
        var left: Int32
        var right: Int32
        var threshold: Double
    }
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
        steps = nodes.indices.map { index in
            let node = nodes[index]
            let me = Int32(index)
            return node.feature < 0
                ? Step(feature: 0, left: me, right: me, threshold: node.value)
                : Step(feature: node.feature, left: me + 1, right: node.right, threshold: node.value)
        }
        for root in roots { depth = max(depth, splits(below: root)) }
    }

    /// The most splits on a path from `index` down to a leaf.
    private func splits(below index: Int) -> Int {
        guard nodes[index].feature >= 0 else { return 0 }
        return 1 + max(splits(below: index + 1), splits(below: Int(nodes[index].right)))
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
    ///
    /// Eight (then four) trees are walked side by side, each for ``depth`` steps (a leaf's step stays on it),
    /// with no branch on the row: the steps' loads are independent, so they overlap. The leaves
    /// are added in tree order, the same sum as walking the trees one by one.
    func score(_ row: UnsafeBufferPointer<Double>) -> Double {
        steps.withUnsafeBufferPointer { steps in
            roots.withUnsafeBufferPointer { roots in
                @inline(__always) func step(_ index: Int) -> Int {
                    let step = steps[index]
                    return Int(row[Int(step.feature)] < step.threshold ? step.left : step.right)
                }
                var sum = 0.0
                var tree = 0
                while tree + 8 <= roots.count {
                    var a = roots[tree], b = roots[tree + 1], c = roots[tree + 2], d = roots[tree + 3]
                    var e = roots[tree + 4], f = roots[tree + 5], g = roots[tree + 6], h = roots[tree + 7]
                    for _ in 0..<depth {
                        a = step(a)
                        b = step(b)
                        c = step(c)
                        d = step(d)
                        e = step(e)
                        f = step(f)
                        g = step(g)
                        h = step(h)
                    }
                    sum += steps[a].threshold
                    sum += steps[b].threshold
                    sum += steps[c].threshold
                    sum += steps[d].threshold
                    sum += steps[e].threshold
                    sum += steps[f].threshold
                    sum += steps[g].threshold
                    sum += steps[h].threshold
                    tree += 8
                }
                while tree + 4 <= roots.count {
                    var a = roots[tree], b = roots[tree + 1], c = roots[tree + 2], d = roots[tree + 3]
                    for _ in 0..<depth {
                        a = step(a)
                        b = step(b)
                        c = step(c)
                        d = step(d)
                    }
                    sum += steps[a].threshold
                    sum += steps[b].threshold
                    sum += steps[c].threshold
                    sum += steps[d].threshold
                    tree += 4
                }
                while tree < roots.count {
                    var index = roots[tree]
                    for _ in 0..<depth { index = step(index) }
                    sum += steps[index].threshold
                    tree += 1
                }
                return base + rate * sum
            }
        }
    }

    /// ``score(_:)-([Double])`` walking one tree at a time: the reference the tests hold it to.
    func scoreTreeByTree(_ row: [Double]) -> Double {
        var sum = 0.0
        for root in roots {
            var index = root
            while nodes[index].feature >= 0 {
                index = row[Int(nodes[index].feature)] < nodes[index].value ? index + 1 : Int(nodes[index].right)
            }
            sum += nodes[index].value
        }
        return base + rate * sum
    }
}
