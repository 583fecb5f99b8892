import BeizhuCore
import Foundation

/// Reads MemoTrace's 2025 rewrite ("v3") exports (FORMATS.md §7): `contacts.csv` and, per chat
/// folder `聊天记录/<R>(<wxid>)/`, `<R>.csv`, `<R>.txt` and `<R>.html.json`.
///
/// The chat's wxid is the folder's last parenthesised group. Re-exports `<R>(1).csv` are read
/// like the first; the workspace drops the duplicates by MsgSvrID. The `.html` pages are read by
/// another importer; the per-group member lists (`contacts.csv` with `群昵称`) are recognised and
/// reported as not read.
public struct MemoTrace3Importer: FormatImporter {
  public static let contactsCSV = FileFormat(.memotrace3, "contacts-csv", role: .contacts)
  public static let chatCSV = FileFormat(.memotrace3, "chat-csv", role: .chat)
  public static let chatTXT = FileFormat(.memotrace3, "chat-txt", role: .chat)
  public static let chatJSON = FileFormat(.memotrace3, "html-json", role: .chat)
  public static let groupMembersCSV = FileFormat(.memotrace3, "group-members-csv", role: .auxiliary)

  /// Bytes read per chunk (tests use tiny chunks to exercise boundaries).
  public var chunkSize: Int

  public init(chunkSize: Int = FileByteSource.defaultChunkSize) {
    self.chunkSize = chunkSize
  }

  public var formats: [FileFormat] {
    [Self.contactsCSV, Self.chatCSV, Self.chatTXT, Self.chatJSON, Self.groupMembersCSV]
  }

  static let chatColumns = ["消息ID", "类型", "发送人", "时间", "内容", "备注", "昵称", "更多信息"]
  static let contactColumns = [
    "UserName", "Alias", "Type", "Remark", "NickName", "smallHeadImgUrl", "bigHeadImgUrl", "label", "gender",
    "signature", "country/region", "province", "city",
  ]

  public func detect(_ probe: FileProbe) -> FileFormat? {
    switch probe.fileExtension {
    case "csv":
      let names = MemoTraceText.headerNames(probe.firstLine)
      if MemoTraceText.overlap(names, Self.chatColumns) >= 5 { return Self.chatCSV }
      if names.contains("UserName") && names.contains("群昵称") { return Self.groupMembersCSV }
      let v2Only = ["PYInitial", "RemarkPYInitial", "telephone"]
      if MemoTraceText.overlap(names, Self.contactColumns) >= 9, MemoTraceText.overlap(names, v2Only) == 0 {
        return Self.contactsCSV
      }
      return nil
    case "txt":
      if MemoTraceAIText.matches(probe) { return nil }
      return MemoTraceTextChat.flavor(of: probe) == .v3 ? Self.chatTXT : nil
    case "json":
      guard probe.firstNonSpaceByte == UInt8(ascii: "[") else { return nil }
      let text = probe.headText
      let hasKeys =
        text.contains("\"is_send\"") && text.contains("\"timestamp\"")
        && (text.contains("\"server_id\"") || text.contains("\"xml_dict\""))
      if hasKeys { return Self.chatJSON }
      // An empty chat (`[]`) is known by its name only.
      if probe.fileName.hasSuffix(".html.json"), text.trimmed() == "[]" {
        return Self.chatJSON
      }
      return nil
    default:
      return nil
    }
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    switch format.name {
    case Self.contactsCSV.name:
      try MemoTrace3ContactsCSV(probe: probe, chunkSize: chunkSize).read(sink: sink)
    case Self.chatCSV.name:
      try MemoTrace3ChatCSV(probe: probe, context: context, chunkSize: chunkSize).read(sink: sink)
    case Self.chatTXT.name:
      try MemoTraceTextChat(probe: probe, flavor: .v3, context: context, chunkSize: chunkSize).read(
        sink: sink)
    case Self.chatJSON.name:
      try MemoTrace3HTMLJSON(probe: probe, chunkSize: chunkSize).read(sink: sink)
    case Self.groupMembersCSV.name:
      try sink(
        .issue(
          Issue(
            .note, .memoTraceNotRead, at: SourceLocation(path: probe.path),
            "MemoTrace group member list not read: members are not friends by themselves / 群成员列表未导入",
            hint: "friends come from the top-level contacts.csv")))
    default:
      throw ImportError.rejected(
        Issue(
          .error, .unrecognized, at: SourceLocation(path: probe.path),
          "not a MemoTrace v3 format: \(format) / 不是留痕 v3 格式"))
    }
  }
}

/// The chat a v3 file belongs to, from its folder `<R>(<wxid>)`.
struct MemoTrace3Chat {
  var id: String?
  var name: String

  init(probe: FileProbe) {
    if let folder = probe.parentFolders.first, let split = MemoTraceText.splitFolder(folder) {
      id = split.id
      name = split.name
      return
    }
    id = nil
    var stem = probe.stem
    if stem.hasSuffix(".html") { stem = String(stem.dropLast(5)) }
    // `<R>(1)` is a re-export of `<R>`.
    if stem.hasSuffix(")"), let open = stem.lastIndex(of: "("),
      stem[stem.index(after: open)..<stem.index(before: stem.endIndex)].allSatisfy(\.isNumber)
    {
      stem = String(stem[..<open])
    }
    name = stem
  }

  var ref: ChatRef {
    ChatRef(id.map { .id($0) } ?? .name(name), isGroup: id.map { $0.hasSuffix("@chatroom") }, title: name)
  }
}
