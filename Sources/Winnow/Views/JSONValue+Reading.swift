import Foundation

/// Reading JSON back (the views read a run's output files), and convenient accessors.
extension JSONValue: Decodable {
    /// Decodes any JSON value; numbers without a fraction become ``int(_:)``.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses one JSON text.
    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Parses JSON Lines: one value per non-empty line; lines that do not parse are skipped.
    static func parseLines(_ data: Data) -> [JSONValue] {
        data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) ? nil : try? parse(Data(line))
        }
    }

    /// The member `key` of an object.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, if this is one.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is one (or a double without a fraction).
    var int: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && abs(value) < 1e15: return Int(value)
        default: return nil
        }
    }

    /// The number, if this is one.
    var double: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The elements, if this is an array.
    var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// The members, if this is an object.
    var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
