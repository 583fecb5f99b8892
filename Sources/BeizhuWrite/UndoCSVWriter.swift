import BeizhuPlan

/// One friend's state to restore: find them under `findAs`, then re-enter the rest.
public struct UndoItem: Sendable, Equatable {
  public var id: String
  public var alias: String
  public var nickname: String
  /// The remark the friend shows under once the plan is entered.
  public var findAs: String
  public var remark: String
  public var tags: [String]
  public var description: String

  public init(
    id: String, alias: String, nickname: String, findAs: String, remark: String, tags: [String],
    description: String
  ) {
    self.id = id
    self.alias = alias
    self.nickname = nickname
    self.findAs = findAs
    self.remark = remark
    self.tags = tags
    self.description = description
  }
}

/// `undo.csv`: the previous remark, tags and description of every friend the plan changes.
public struct UndoCSVWriter: ExportWriter {
  public init() {}

  static let header = [
    "find as 现在的名称", "restore remark 恢复备注", "restore tags 恢复标签", "restore description 恢复描述",
    "nickname 昵称", "id", "WeChat ID 微信号",
  ]

  public func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile] {
    let entries = document.contacts.filter { $0.status != .unchanged }
    let items = entries.map { entry in
      UndoItem(
        id: entry.id, alias: entry.alias, nickname: entry.nickname, findAs: entry.remark,
        remark: entry.oldRemark,
        tags: entry.oldTags, description: context.friend(entry).oldDescription)
    }
    return [render(items)]
  }

  /// The undo file for `items`, sorted by the name to find them under.
  public func render(_ items: [UndoItem]) -> ExportFile {
    let rows = items.sorted { ($0.findAs, $0.id) < ($1.findAs, $1.id) }.map { item in
      [
        item.findAs, item.remark, item.tags.joined(separator: ","), item.description, item.nickname, item.id,
        item.alias,
      ]
    }
    return ExportFile(path: "undo.csv", contents: SpreadsheetCSV.render(header: Self.header, rows: rows))
  }
}
