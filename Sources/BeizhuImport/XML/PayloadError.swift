import BeizhuCore

/// Why a payload could not be read. Never carries the payload's text (chat text is private).
public struct PayloadError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A small extensible code that tests match on.
  public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The text is neither payload XML nor MemoTrace's Python rendering of it.
    public static let notPayload = Code(rawValue: "not-payload")
    /// The XML is not well-formed (truncated, bad UTF-8, broken markup).
    public static let malformed = Code(rawValue: "malformed")
    /// The XML has a `<!DOCTYPE`: refused, since payloads never have one and DTDs carry entity attacks.
    public static let doctype = Code(rawValue: "doctype")
    /// Elements nested deeper than any payload.
    public static let tooDeep = Code(rawValue: "too-deep")
    /// Larger than any payload.
    public static let tooLarge = Code(rawValue: "too-large")
    /// MemoTrace's `-1\n{…}` rendering is not a readable Python literal.
    public static let badPythonLiteral = Code(rawValue: "bad-python-literal")
  }

  public var code: Code
  /// 1-based line inside the payload, 0 when unknown.
  public var line: Int
  /// 1-based column inside the payload in UTF-8 bytes (byte offset for Python literals), 0 when unknown.
  public var column: Int
  /// libxml2's `xmlParserErrors` value, 0 when the error is not libxml2's.
  public var libxml2Code: Int32

  public init(_ code: Code, line: Int = 0, column: Int = 0, libxml2Code: Int32 = 0) {
    self.code = code
    self.line = line
    self.column = column
    self.libxml2Code = libxml2Code
  }

  public var description: String {
    var text: String
    switch code {
    case .notPayload: text = "message payload is not XML / 消息内容不是 XML"
    case .malformed: text = "message payload XML is malformed / 消息 XML 格式错误"
    case .doctype: text = "message payload has a DOCTYPE, refused / 消息 XML 含 DOCTYPE，已拒绝"
    case .tooDeep: text = "message payload XML is nested too deeply / 消息 XML 嵌套过深"
    case .tooLarge: text = "message payload is too large / 消息内容过大"
    case .badPythonLiteral: text = "MemoTrace payload dict cannot be read / 无法读取 MemoTrace 消息字典"
    default: text = "message payload cannot be read (\(code)) / 无法读取消息内容"
    }
    if line > 0 { text += " (payload line \(line), column \(column))" }
    if libxml2Code != 0 { text += " [libxml2 error \(libxml2Code)]" }
    return text
  }

  /// The problem as an import issue at the message's location (a warning: the message is kept).
  public func issue(at location: SourceLocation) -> Issue {
    Issue(
      .warning, .malformedMarkup, at: location, description,
      hint: "the message is kept with the kind the export shows / 该消息按导出文件的类型保留")
  }
}
