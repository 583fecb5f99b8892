/// A problem found in the input. Issues are values: they are reported and counted, and the
/// import goes on with the next record or file.
public struct Issue: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Severity: String, Sendable, Codable, Comparable {
    case note, warning, error

    private var rank: Int {
      switch self {
      case .note: 0
      case .warning: 1
      case .error: 2
      }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  /// A small extensible code that tests match on, so wording can change freely.
  public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Bytes that are not valid in the file's encoding were replaced.
    public static let invalidEncoding = Code("invalid-encoding")
    /// A record could not be read and was skipped.
    public static let badRecord = Code("bad-record")
    /// A column the format needs is missing from the header.
    public static let missingColumn = Code("missing-column")
    /// The file ends in the middle of a record.
    public static let truncated = Code("truncated")
    /// The file is not a chat export or contact list that Beizhu knows.
    public static let unrecognized = Code("unrecognized")
    /// The file could not be opened or read at all.
    public static let unreadable = Code("unreadable")
    /// A time field could not be parsed.
    public static let badTime = Code("bad-time")
    /// Columns were shifted by an unquoted separator and the row was recovered.
    public static let recoveredRow = Code("recovered-row")
    /// Fields of one row contradict each other (e.g. sender flag vs sender id).
    public static let inconsistentRow = Code("inconsistent-row")
    /// The file was re-saved by a spreadsheet (times reformatted, BOM lost …).
    public static let spreadsheetResave = Code("spreadsheet-resave")
    /// One source of the same data was preferred over another.
    public static let preferredSource = Code("preferred-source")
    /// Malformed markup that the parser recovered from.
    public static let malformedMarkup = Code("malformed-markup")
  }

  public var severity: Severity
  public var code: Code
  public var location: SourceLocation
  /// What is wrong, in words a user reads (never the chat text itself).
  public var message: String
  /// What the user can do about it.
  public var hint: String?

  public init(
    _ severity: Severity, _ code: Code, at location: SourceLocation, _ message: String, hint: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.location = location
    self.message = message
    self.hint = hint
  }

  /// `path:line:col: warning: message (hint)`, the compiler-style line editors understand.
  public var description: String {
    var text = "\(location): \(severity.rawValue): \(message)"
    if let hint { text += " — \(hint)" }
    return text
  }
}
