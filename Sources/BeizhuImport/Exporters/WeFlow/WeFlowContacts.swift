import BeizhuCore
import Foundation

/// WeFlow's contact lists (`contactExportService.ts`): the CSV and the JSON hold the same fields.
enum WeFlowContacts {
  /// The CSV header as WeFlow writes it (unquoted, after a BOM).
  static let headerPrefix = "用户名,显示名称,备注,昵称,微信号"
  static let requiredColumns = ["用户名", "显示名称", "备注", "昵称", "微信号"]

  static func importCSV(stream: UTF8Stream, emitter: RecordEmitter) throws(ImportError) {
    let reader = CSVReader(stream: stream)
    guard let headerRecord = try reader.next() else { return }
    let header = CSVHeader(headerRecord.fields)
    try header.require(requiredColumns, path: emitter.path)
    let columns = (
      id: header["用户名"], display: header["显示名称"], remark: header["备注"], nickname: header["昵称"],
      alias: header["微信号"], labels: header["标签"], description: header["描述"], region: header["地区"],
      type: header["类型"]
    )
    while let record = try reader.next() {
      let location = SourceLocation(path: emitter.path, line: record.line, byteOffset: record.byteOffset)
      if record.isTruncated {
        try emitter.issue(truncatedRow(at: location))
        break
      }
      let id = record[safe: columns.id].trimmed(newlines: false)
      guard !id.isEmpty else {
        try emitter.issue(
          Issue(
            .warning, .badRecord, at: location, "contact row without 用户名 (user name) / 联系人行缺少用户名，已跳过",
            hint: "each row needs the wxid in the first column"))
        continue
      }
      let contact = makeContact(
        id: id, display: record[safe: columns.display], remark: record[safe: columns.remark],
        nickname: record[safe: columns.nickname], alias: record[safe: columns.alias],
        labels: splitLabels(record[safe: columns.labels]), description: record[safe: columns.description],
        region: record[safe: columns.region], type: record[safe: columns.type])
      try emitter.emit(.contact(contact, location))
    }
  }

  static func importJSON(stream: UTF8Stream, emitter: RecordEmitter) throws(ImportError) {
    let reader = JSONStreamReader(stream: stream)
    guard try reader.beginObject() else {
      throw ImportError.rejected(
        Issue(
          .error, .badRecord, at: SourceLocation(path: emitter.path, line: 1),
          "expected a JSON object with a contacts array / 应为包含 contacts 数组的 JSON 对象"))
    }
    while let key = try reader.nextKey() {
      guard key == "contacts", try reader.beginArray() else {
        try reader.skipValue()
        continue
      }
      while try reader.nextElement() {
        let location = SourceLocation(
          path: emitter.path, line: reader.currentLine, byteOffset: reader.byteOffset)
        let value = try reader.readValue()
        guard let id = value["username"]?.text?.trimmed(newlines: false), !id.isEmpty else {
          try emitter.issue(
            Issue(
              .warning, .badRecord, at: location, "contact without username / 联系人缺少 username，已跳过",
              hint: "each contact needs its wxid in \"username\""))
          continue
        }
        let labels = (value["labels"]?.array ?? []).compactMap(\.text).map {
          $0.trimmed(newlines: false)
        }.filter { !$0.isEmpty }
        let contact = makeContact(
          id: id, display: value["displayName"]?.text ?? "", remark: value["remark"]?.text ?? "",
          nickname: value["nickname"]?.text ?? "", alias: value["alias"]?.text ?? "", labels: labels,
          description: value["description"]?.text ?? "", region: value["region"]?.text ?? "",
          type: value["type"]?.text ?? "")
        try emitter.emit(.contact(contact, location))
      }
    }
  }

  static func makeContact(
    id: String, display: String, remark: String, nickname: String, alias: String, labels: [String],
    description: String, region: String, type: String
  ) -> Contact {
    var otherNames: [String] = []
    // The chat files are named after the display name; it is the remark or the nickname, and
    // anything else (a group's computed name) is worth keeping for matching.
    if !display.isEmpty && display != remark && display != nickname { otherNames.append(display) }
    return Contact(
      id: id, alias: alias, nickname: nickname, remark: remark, tags: labels, description: description,
      region: region, kind: kind(type) ?? ContactKind.fromID(id), otherNames: otherNames)
  }

  /// `类型` / `type` → kind; `其他` and unknown values say nothing.
  static func kind(_ type: String) -> ContactKind? {
    switch type.trimmed(newlines: false) {
    case "好友", "friend": .friend
    case "群聊", "group": .group
    case "公众号", "official": .officialAccount
    default: nil
    }
  }

  /// Labels joined by ` | `; a spreadsheet may have trimmed the spaces.
  static func splitLabels(_ text: String) -> [String] {
    text.split(separator: "|").map { $0.trimmed(newlines: false) }.filter { !$0.isEmpty }
  }

  static func truncatedRow(at location: SourceLocation) -> Issue {
    Issue(
      .warning, .truncated, at: location,
      "the file ends inside a quoted field: the last row is incomplete / 文件在引号字段中结束，最后一行不完整",
      hint: "the rows before it were imported; export the contacts again for the rest")
  }
}
