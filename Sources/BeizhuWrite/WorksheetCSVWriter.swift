import BeizhuPlan

/// `worksheet.csv`: old name → new remark, tags, description, phones for every friend to
/// re-enter, in the contact list's order of the names shown now.
public struct WorksheetCSVWriter: ExportWriter {
  public init() {}

  static let header = [
    "section 分区", "old name 当前名称", "new remark 新备注", "tags 标签", "description 描述", "phones 电话",
    "status 状态", "level 级别", "id", "WeChat ID 微信号",
  ]

  public func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile] {
    let entries = context.contactListOrder(document.contacts.filter { $0.status != .unchanged })
    let rows = entries.map { entry in
      [
        context.friend(entry).section, entry.currentName, entry.remark, entry.tags.joined(separator: ","),
        entry.description, entry.phones.joined(separator: ","), entry.status.rawValue, String(entry.level),
        entry.id, entry.alias,
      ]
    }
    return [
      ExportFile(path: "worksheet.csv", contents: SpreadsheetCSV.render(header: Self.header, rows: rows))
    ]
  }
}
