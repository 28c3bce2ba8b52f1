import Foundation

/// One input file found by the walker.
public struct InputFile: Sendable, Hashable {
    /// The path relative to the input folder, `/`-separated: the document's id.
    public var id: String
    /// The full path.
    public var path: String
    /// The size in bytes.
    public var size: Int
    /// The modification time.
    public var modified: Date?
}

/// Lists an input folder's documents in a deterministic order (by relative path, bytewise).
///
/// Symbolic links to files are read; links to folders are not followed (which rules out loops).
/// Hidden files and folders (names starting with `.`) are skipped. What cannot be listed is
/// returned as a problem, never dropped silently: links that loop or lead nowhere, names that
/// are not valid UTF-8, unreadable folders.
public struct InputWalker: Sendable {
    /// The input specification.
    public var input: PipelineConfiguration.Input
    /// A folder never read (the output folder, when it lies inside the input folder).
    public var skipFolder: String?
    private let include: [Glob]
    private let exclude: [Glob]

    /// Creates a walker.
    public init(_ input: PipelineConfiguration.Input, skipFolder: String? = nil) {
        self.input = input
        self.skipFolder = skipFolder.map { ($0 as NSString).standardizingPath }
        include = (input.include.isEmpty ? PipelineConfiguration.defaultInclude : input.include).map(Glob.init)
        exclude = input.exclude.map(Glob.init)
    }

    /// Whether a relative path is a document of this input.
    public func accepts(_ id: String) -> Bool {
        include.contains { $0.matches(id) } && !exclude.contains { $0.matches(id) }
    }

    /// The input files, sorted by id; problems reading folders are returned, not thrown.
    public func files() throws(DocumentError) -> (files: [InputFile], problems: [String]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input.folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw DocumentError("the input folder \(input.folder) does not exist or is not a folder", hint: "check 'input.folder' in the pipeline file or --input")
        }
        var found: [InputFile] = []
        var problems: [String] = []
        var pending: [String] = [""]
        let manager = FileManager.default
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? input.folder : input.folder + "/" + relative
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: folder)
            } catch {
                problems.append("cannot list \(folder): \(PipelineLoader.reason(error))")
                continue
            }
            for name in names where !name.hasPrefix(".") {
                let id = relative.isEmpty ? name : relative + "/" + name
                let path = input.folder + "/" + id
                guard let attributes = try? manager.attributesOfItem(atPath: path) else {
                    if name.unicodeScalars.contains("\u{FFFD}") {
                        // Foundation lists names as Strings: bytes that are not UTF-8 became U+FFFD,
                        // so the file cannot be opened by that name.
                        problems.append("cannot read \(path): its name is not valid UTF-8 (rename the file to read it)")
                    } else {
                        problems.append("cannot read \(path)")
                    }
                    continue
                }
                var type = attributes[.type] as? FileAttributeType
                var size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                var modified = attributes[.modificationDate] as? Date
                if type == .typeSymbolicLink {
                    // stat(2) follows the whole chain of links; a loop or a missing target is reported.
                    var target = stat()
                    guard stat(path, &target) == 0 else {
                        let reason = errno == ELOOP ? "the symbolic link loops" : "the symbolic link leads nowhere (\(String(cString: strerror(errno))))"
                        problems.append("cannot read \(path): \(reason)")
                        continue
                    }
                    let format = target.st_mode & S_IFMT
                    if format == S_IFDIR { continue }
                    type = format == S_IFREG ? .typeRegular : .typeUnknown
                    size = Int(target.st_size)
                    modified = Date(timeIntervalSince1970: Double(target.st_mtim.tv_sec) + Double(target.st_mtim.tv_nsec) / 1e9)
                }
                if type == .typeDirectory {
                    if input.recursive && (path as NSString).standardizingPath != skipFolder { pending.append(id) }
                } else if type == .typeRegular, accepts(id) {
                    found.append(InputFile(id: id, path: path, size: size, modified: modified))
                }
            }
        }
        found.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        return (found, problems)
    }
}
