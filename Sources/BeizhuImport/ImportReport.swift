import BeizhuCore

/// What happened to each file of an import, and the totals a summary prints.
public struct ImportReport: Sendable, Codable {
  public enum FileStatus: String, Sendable, Codable {
    /// Read; its records were stored (some may have been skipped with warnings).
    case imported
    /// A chat export or contact list that could not be read at all.
    case rejected
    /// Not a file Beizhu knows.
    case unrecognized
    /// Images, voice, video, stickers, styles, fonts, avatars: counted, not read.
    case media
  }

  public struct FileResult: Sendable, Codable {
    public var path: String
    public var format: String?
    public var status: FileStatus
    public var contacts: Int = 0
    public var messages: Int = 0
    public var skipped: Int = 0
    public var encoding: String?
    /// Why the file was not read (unrecognised or rejected).
    public var reason: String?

    public init(path: String, format: String? = nil, status: FileStatus) {
      self.path = path
      self.format = format
      self.status = status
    }
  }

  public var files: [FileResult] = []
  /// Warnings and errors, in the order found.
  public var issues: [Issue] = []

  public init() {}

  public var rejectedFiles: Int { files.count { $0.status == .rejected } }
  public var importedFiles: Int { files.count { $0.status == .imported } }
  public var skippedRecords: Int { files.reduce(0) { $0 + $1.skipped } }

  /// Files read, counted by detected format.
  public var filesByFormat: [String: Int] {
    var counts: [String: Int] = [:]
    for file in files where file.status == .imported {
      counts[file.format ?? "?", default: 0] += 1
    }
    return counts
  }
}
