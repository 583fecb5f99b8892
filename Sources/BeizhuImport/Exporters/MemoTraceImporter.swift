import BeizhuCore
import Foundation

/// Reads MemoTrace 留痕 v2.0.5 exports (FORMATS.md §6): `contacts.csv`, the per-chat
/// `<R>_utf8.csv`, the all-chats `messages.csv` and the per-chat `<R>.txt`.
///
/// The "AI txt" `<R>_chat.txt` and the `<R>_train.json` / `<R>_dev.json` LLM training sets are
/// recognised and reported as not read: they have no message times (and the AI txt keeps only
/// text, with phone numbers masked), so they cannot place a message in a conversation.
/// The HTML pages are read by another importer.
public struct MemoTraceImporter: FormatImporter {
  public static let contactsCSV = FileFormat(.memotrace, "contacts-csv", role: .contacts)
  public static let chatCSV = FileFormat(.memotrace, "chat-csv", role: .chat)
  public static let allMessagesCSV = FileFormat(.memotrace, "messages-csv", role: .chat)
  public static let chatTXT = FileFormat(.memotrace, "chat-txt", role: .chat)
  public static let aiTXT = FileFormat(.memotrace, "ai-txt", role: .auxiliary)
  public static let trainingJSON = FileFormat(.memotrace, "llm-json", role: .auxiliary)

  /// Bytes read per chunk (tests use tiny chunks to exercise boundaries).
  public var chunkSize: Int

  public init(chunkSize: Int = FileByteSource.defaultChunkSize) {
    self.chunkSize = chunkSize
  }

  public var formats: [FileFormat] {
    [Self.contactsCSV, Self.chatCSV, Self.allMessagesCSV, Self.chatTXT, Self.aiTXT, Self.trainingJSON]
  }

  static let contactColumns = [
    "UserName", "Alias", "Type", "Remark", "NickName", "PYInitial", "RemarkPYInitial", "smallHeadImgUrl",
    "bigHeadImgUrl", "label", "gender", "telephone", "signature", "country/region", "province", "city",
  ]
  static let messageColumns = [
    "localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime",
    "Remark", "NickName", "Sender",
  ]

  public func detect(_ probe: FileProbe) -> FileFormat? {
    switch probe.fileExtension {
    case "csv":
      // Both of MemoTrace's CSV headers name these; other CSVs are turned away before splitting.
      guard
        probe.headContains("UserName") || probe.headContains("StrContent") || probe.headContains("IsSender")
      else { return nil }
      let names = MemoTraceText.headerNames(probe.firstLine)
      if MemoTraceText.overlap(names, Self.contactColumns) >= 10,
        names.contains("PYInitial") || names.contains("RemarkPYInitial") || names.contains("telephone")
      {
        return Self.contactsCSV
      }
      if MemoTraceText.overlap(names, Self.messageColumns) >= 8 {
        return MemoTraceChatCSV.looksLikeAllChats(probe) ? Self.allMessagesCSV : Self.chatCSV
      }
      return nil
    case "txt":
      if MemoTraceAIText.matches(probe) { return Self.aiTXT }
      return MemoTraceTextChat.flavor(of: probe) == .v2 ? Self.chatTXT : nil
    case "json":
      return MemoTraceAIText.isTrainingSet(probe) ? Self.trainingJSON : nil
    default:
      return nil
    }
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    switch format.name {
    case Self.contactsCSV.name:
      try MemoTraceContactsCSV(probe: probe, chunkSize: chunkSize).read(sink: sink)
    case Self.chatCSV.name:
      try MemoTraceChatCSV(probe: probe, context: context, chunkSize: chunkSize).read(sink: sink)
    case Self.allMessagesCSV.name:
      try MemoTraceAllMessagesCSV(probe: probe, context: context, chunkSize: chunkSize).read(sink: sink)
    case Self.chatTXT.name:
      try MemoTraceTextChat(probe: probe, flavor: .v2, context: context, chunkSize: chunkSize).read(
        sink: sink)
    case Self.aiTXT.name, Self.trainingJSON.name:
      try MemoTraceAIText.reportNotRead(
        probe, isTrainingSet: format.name == Self.trainingJSON.name, sink: sink)
    default:
      throw ImportError.rejected(
        Issue(
          .error, .unrecognized, at: SourceLocation(path: probe.path),
          "not a MemoTrace v2 format: \(format) / 不是留痕 v2 格式"))
    }
  }
}
