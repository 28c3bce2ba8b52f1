import Foundation

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "winnow-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file at a relative path, creating folders.
    func write(_ relative: String, _ bytes: [UInt8]) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
    }

    /// Writes UTF-8 text at a relative path.
    func write(_ relative: String, _ text: String) { write(relative, Array(text.utf8)) }

    /// Every file below the folder, relative path -> contents.
    func contents(of sub: String = "") -> [String: Data] {
        let root = sub.isEmpty ? path : path + "/" + sub
        var result: [String: Data] = [:]
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            for case let relative as String in enumerator {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                    result[relative] = FileManager.default.contents(atPath: root + "/" + relative)
                }
            }
        }
        return result
    }
}
