import BeizhuCore
import Foundation

/// MemoTrace v2 `contacts.csv` (FORMATS.md §6): raw remark, one label name or `None`.
struct MemoTraceContactsCSV {
  let probe: FileProbe
  let chunkSize: Int

  func read(sink: ImportSink) throws(ImportError) {
    var file = try MemoTraceCSVFile(path: probe.path, chunkSize: chunkSize)
    let header = file.header
    try header.require(["UserName", "Remark", "NickName"], path: probe.path)
    let columns = (
      id: header["UserName"], alias: header["Alias"], type: header["Type"], remark: header["Remark"],
      nickname: header["NickName"], label: header["label"], phone: header["telephone"],
      country: header["country/region"], province: header["province"], city: header["city"]
    )
    while let record = try file.next(sink: sink) {
      let id = record[safe: columns.id].trimmed(newlines: false)
      guard !id.isEmpty else {
        try sink(
          .issue(
            Issue(
              .warning, .badRecord, at: file.location(record),
              "contact row without UserName skipped / 联系人行缺少 UserName，已跳过",
              hint: "the row may have been edited by hand")))
        continue
      }
      let remark = record[safe: columns.remark]
      let nickname = record[safe: columns.nickname]
      let label = record[safe: columns.label].trimmed(newlines: false)
      // `None` is what the exporter's label join gives for no label or several labels.
      let tags = label.isEmpty || label == "None" ? [] : [label]
      let phone = record[safe: columns.phone].trimmed(newlines: false)
      var region = [record[safe: columns.province], record[safe: columns.city]]
        .map { $0.trimmed(newlines: false) }.filter { !$0.isEmpty }.joined(separator: " ")
      if region.isEmpty { region = record[safe: columns.country].trimmed(newlines: false) }
      // The chat folders and per-chat name columns use the sanitised remark-or-nickname.
      let shown = remark.isEmpty ? nickname : remark
      let sanitised = NameVariants.memoTrace(shown)
      let contact = Contact(
        id: id, alias: record[safe: columns.alias], nickname: nickname, remark: remark, tags: tags,
        phones: phone.isEmpty ? [] : [phone], region: region,
        kind: Self.kind(id: id, type: record[safe: columns.type]),
        otherNames: sanitised.isEmpty || sanitised == shown ? [] : [sanitised])
      try sink(.contact(contact, file.location(record)))
    }
  }

  /// `Contact.Type` 2 is a group, 4 a group-only member; 3 covers friends, the owner and
  /// official accounts alike, so it says nothing (FORMATS.md §3).
  static func kind(id: String, type: String) -> ContactKind? {
    if let byID = ContactKind.fromID(id) { return byID }
    switch Int(type.trimmed(newlines: false)) {
    case 2: return .group
    case 4: return .groupMember
    default: return nil
    }
  }
}
