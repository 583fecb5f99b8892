import BeizhuCore
import Foundation

/// MemoTrace v3 `contacts.csv` (FORMATS.md §7), with the exporter's column mix-up undone:
/// `Type` holds the raw remark, `Remark` the sanitised remark-or-nickname.
///
/// `label` holds raw label ids (`"1,5"`), not names, and v3 writes the names nowhere. Ids are
/// not tags a user could search or re-enter, and as tag names they would create tags called
/// "1" and "5", so they are left out of `tags`; one note per file says how many contacts had
/// labels and where to get the names (the v2 contact list, or PyWxDump's label list).
struct MemoTrace3ContactsCSV {
  let probe: FileProbe
  let chunkSize: Int

  func read(sink: ImportSink) throws(ImportError) {
    var file = try MemoTraceCSVFile(path: probe.path, chunkSize: chunkSize)
    let header = file.header
    try header.require(["UserName", "Type", "Remark", "NickName"], path: probe.path)
    let columns = (
      id: header["UserName"], alias: header["Alias"], rawRemark: header["Type"], shown: header["Remark"],
      nickname: header["NickName"], label: header["label"], province: header["province"],
      city: header["city"],
      country: header["country/region"]
    )
    var labelled = 0
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
      let remark = record[safe: columns.rawRemark]
      let nickname = record[safe: columns.nickname]
      let shown = record[safe: columns.shown]
      let labels = record[safe: columns.label].split(separator: ",").filter {
        !$0.trimmed(newlines: false).isEmpty
      }
      if !labels.isEmpty { labelled += 1 }
      var region = [record[safe: columns.province], record[safe: columns.city]]
        .map { $0.trimmed(newlines: false) }.filter { !$0.isEmpty }.joined(separator: " ")
      if region.isEmpty { region = record[safe: columns.country].trimmed(newlines: false) }
      let contact = Contact(
        id: id, alias: record[safe: columns.alias], nickname: nickname, remark: remark, region: region,
        kind: ContactKind.fromID(id),
        otherNames: shown.isEmpty || shown == remark || shown == nickname ? [] : [shown])
      try sink(.contact(contact, file.location(record)))
    }
    if labelled > 0 {
      try sink(
        .issue(
          Issue(
            .note, Issue.Code("label-ids-only"), at: SourceLocation(path: probe.path),
            "\(labelled) contacts have tags given only as label ids, which were not imported / "
              + "\(labelled) 个联系人的标签只有编号，未导入",
            hint: "import MemoTrace v2's contacts.csv or PyWxDump's contact list for the tag names")))
    }
  }
}
