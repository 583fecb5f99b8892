import BeizhuCore
import Foundation

/// `<Owner>_Contacts.csv`: no header, every field quoted, CRLF; columns WeChat ID (Alias, else
/// usrName), display name, avatar URL, tags (one leading space per label, then the names joined
/// by spaces). The owner has a row too.
enum WechatExporterContacts {
  static let fileSuffix = "_Contacts"

  /// Four fully quoted fields with an avatar URL (or none) third; the file name breaks the tie
  /// when the first row has no avatar.
  static func looksLikeContacts(_ probe: FileProbe) -> Bool {
    guard let fields = quotedFields(probe.firstLine), fields.count == 4 else { return false }
    if fields[2].hasPrefix("http://") || fields[2].hasPrefix("https://") { return true }
    return fields[2].isEmpty && probe.stem.hasSuffix(fileSuffix)
  }

  /// The fields of a line where every field is quoted, or `nil` when the line is not like that.
  static func quotedFields(_ line: String) -> [String]? {
    var fields: [String] = []
    var rest = Substring(line)
    while true {
      guard rest.hasPrefix("\"") else { return nil }
      rest = rest.dropFirst()
      var field = ""
      while true {
        guard let quote = rest.firstIndex(of: "\"") else { return nil }
        field += rest[..<quote]
        rest = rest[rest.index(after: quote)...]
        if rest.hasPrefix("\"") {
          field += "\""
          rest = rest.dropFirst()
          continue
        }
        break
      }
      fields.append(field)
      if rest.isEmpty { return fields }
      guard rest.hasPrefix(",") else { return nil }
      rest = rest.dropFirst()
    }
  }

  static func importCSV(probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter) throws(ImportError) {
    // The owner's folder `<Owner>/` sits next to `<Owner>_Contacts.csv`: its row is the owner.
    let ownerFolder = probe.stem.hasSuffix(fileSuffix) ? String(probe.stem.dropLast(fileSuffix.count)) : nil
    var ownerFound = false
    let reader = CSVReader(stream: stream)
    while let record = try reader.next() {
      let location = SourceLocation(path: emitter.path, line: record.line, byteOffset: record.byteOffset)
      if record.isTruncated {
        try emitter.issue(WeFlowContacts.truncatedRow(at: location))
        break
      }
      let id = record[safe: 0].trimmed(newlines: false)
      guard !id.isEmpty, record.fields.count >= 2 else {
        try emitter.issue(
          Issue(
            .warning, .badRecord, at: location,
            "contact row without a WeChat ID in the first column / 联系人行缺少微信号，已跳过",
            hint: "rows are: WeChat ID, display name, avatar URL, tags"))
        continue
      }
      let display = record[safe: 1]
      let tags = record[safe: 3].split(separator: " ").map(String.init)
      let isOwner =
        !ownerFound
        && ownerFolder.map { !$0.isEmpty && (display == $0 || NameVariants.wechatExporter(display) == $0) }
          ?? false
      // The column holds the Alias when the contact has one, else the wxid.
      let alias = id.hasPrefix("wxid_") ? "" : id
      var otherNames: [String] = []
      let folder = NameVariants.wechatExporter(display)
      if !folder.isEmpty && folder != display { otherNames.append(folder) }
      // The display name is the remark when there is one, else the nickname; the file does not
      // say which, so it is kept as the nickname and the workspace merges better sources.
      let contact = Contact(
        id: id, alias: alias, nickname: display, tags: tags, kind: isOwner ? .owner : ContactKind.fromID(id),
        otherNames: otherNames)
      if isOwner {
        ownerFound = true
        try emitter.emit(
          .owner(
            OwnerHint(id: alias.isEmpty ? id : nil, alias: alias.isEmpty ? nil : alias, names: [display])))
      }
      try emitter.emit(.contact(contact, location))
    }
  }
}
