import Foundation

/// A document as one JSON object: its source, text, typed blocks, metadata with sources, fixes
/// and, when asked, its trace. The same document always gives the same bytes (keys are sorted).
///
/// ```
/// {
///   "blocks": [{"headingPath": ["Title"], "kind": "paragraph", "text": "..."}, ...],
///   "fixes": {"entity": 2},                                   // when non-empty
///   "id": "news/a.html",
///   "kind": "html",                                           // when the reader decided
///   "metadata": {"title": {"source": "json-ld", "value": "..."},
///                "published": {"source": "meta", "value": {"granularity": "day", "iso": "2022-02-26"}}},
///   "source": {"encoding": "UTF-8", "modified": "2024-05-01T10:00:00Z", "path": "/in/news/a.html", "size": 5120},
///   "text": "blocks joined by a blank line",
///   "trace": {"counts": {...}, "notes": [...], "positions": [0, 3],                  // includeTrace only
///             "removals": [{"reason": ..., "stage": ..., "position": 1}]}
/// }
/// ```
///
/// A block carries `level` only when it is above 0 and `language` only when set; `headingPath`
/// lists the texts of the headings it sits under, outermost first (for a heading: the headings
/// of lower level above it). Metadata holds only present fields, by their ``Metadata`` property
/// names; `language` adds `confidence` when known, and stages' own facts sit under `extra`.
public enum DocumentJSON {
    /// The document as UTF-8 JSON: pretty-printed with a final newline, or compact on one line
    /// without a newline (one JSON Lines record).
    public static func encode(_ document: Document, includeTrace: Bool, pretty: Bool = true) -> [UInt8] {
        var bytes = object(document, includeTrace: includeTrace).serialized(pretty: pretty)
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// The document's JSON object.
    static func object(_ document: Document, includeTrace: Bool) -> JSONValue {
        var source: [String: JSONValue] = ["path": .string(document.source.path), "size": .int(document.source.size)]
        if let modified = document.source.modified { source["modified"] = .string(iso8601(modified)) }
        if let encoding = document.source.encoding { source["encoding"] = .string(encoding) }
        var object: [String: JSONValue] = [
            "id": .string(document.id),
            "source": .object(source),
            "text": .string(document.text),
            "blocks": blocks(document.blocks),
            "metadata": metadata(document.metadata),
        ]
        if let kind = document.kind { object["kind"] = .string(kind.rawValue) }
        if !document.fixes.isEmpty { object["fixes"] = .object(document.fixes.mapValues { .int($0) }) }
        if includeTrace { object["trace"] = trace(document.trace, blocks: document.blocks) }
        return .object(object)
    }

    /// The blocks with their heading paths.
    static func blocks(_ blocks: [Block]) -> JSONValue {
        var headings: [(level: Int, text: String)] = []
        return .array(blocks.map { block in
            var object = [String: JSONValue](minimumCapacity: 5)  // room for every key: no regrowing
            object["kind"] = .string(block.kind.rawValue)
            object["text"] = .string(block.text)
            if block.level > 0 { object["level"] = .int(block.level) }
            if let language = block.language { object["language"] = .string(language) }
            if block.kind == .heading {
                let level = min(6, max(1, block.level))
                while let last = headings.last, last.level >= level { headings.removeLast() }
                object["headingPath"] = .array(headings.map { .string($0.text) })
                headings.append((level, block.text))
            } else {
                object["headingPath"] = .array(headings.map { .string($0.text) })
            }
            return .object(object)
        })
    }

    /// The present metadata fields as `{value, source}` objects.
    static func metadata(_ metadata: Metadata) -> JSONValue {
        var object: [String: JSONValue] = [:]
        func add<Value>(_ key: String, _ field: Metadata.Field<Value>?, _ value: (Value) -> JSONValue) {
            guard let field else { return }
            object[key] = .object(["value": value(field.value), "source": .string(field.source.rawValue)])
        }
        let string: (String) -> JSONValue = { .string($0) }
        let strings: ([String]) -> JSONValue = { .array($0.map { .string($0) }) }
        let date: (Metadata.DateValue) -> JSONValue = { .object(["iso": .string($0.iso), "granularity": .string($0.granularity.rawValue)]) }
        add("title", metadata.title, string)
        add("authors", metadata.authors, strings)
        add("published", metadata.published, date)
        add("modified", metadata.modified, date)
        add("siteName", metadata.siteName, string)
        add("url", metadata.url, string)
        add("description", metadata.description, string)
        add("section", metadata.section, string)
        add("tags", metadata.tags, strings)
        add("agency", metadata.agency, string)
        add("image", metadata.image, string)
        add("captions", metadata.captions, strings)
        add("pageKind", metadata.pageKind, string)
        add("language", metadata.language, string)
        if case .object(var language)? = object["language"], let confidence = metadata.languageConfidence {
            language["confidence"] = .double(confidence)
            object["language"] = .object(language)
        }
        add("counts", metadata.counts) { counts in
            .object(["characters": .int(counts.characters), "words": .int(counts.words), "sentences": .int(counts.sentences), "paragraphs": .int(counts.paragraphs)])
        }
        add("readingMinutes", metadata.readingMinutes) { .int($0) }
        add("sha256", metadata.sha256, string)
        add("simhash", metadata.simhash, string)
        if !metadata.extra.isEmpty {
            object["extra"] = .object(metadata.extra.mapValues { .object(["value": .string($0.value), "source": .string($0.source.rawValue)]) })
        }
        return .object(object)
    }

    /// The trace: counts per reason, removals in order, notes; when the reader numbered the
    /// blocks, each removal's `position` (and `line`) and the kept blocks' `positions`, so that
    /// explain views can show removals in reading order.
    static func trace(_ trace: Trace, blocks: [Block] = []) -> JSONValue {
        var object: [String: JSONValue] = [
            "counts": .object(trace.counts.mapValues { .int($0) }),
            "removals": .array(trace.removals.map { removal in
                var object: [String: JSONValue] = ["stage": .string(removal.stage), "reason": .string(removal.reason)]
                if let detail = removal.detail { object["detail"] = .string(detail) }
                if let text = removal.text { object["text"] = .string(text) }
                if let kind = removal.kind { object["kind"] = .string(kind.rawValue) }
                if let position = removal.position { object["position"] = .int(position) }
                if let line = removal.line { object["line"] = .int(line) }
                return .object(object)
            }),
            "notes": .array(trace.notes.map { .string($0) }),
        ]
        if !blocks.isEmpty, blocks.allSatisfy({ $0.origin != nil }) {
            object["positions"] = .array(blocks.map { .int($0.origin ?? 0) })
        }
        return .object(object)
    }

    /// A time as ISO 8601 in UTC, to the second: `2024-05-01T10:00:00Z`.
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
