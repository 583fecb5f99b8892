import BeizhuPlan

/// `--format text`: the dry-run preview, grouped by status then level, columns aligned for
/// Chinese and emoji, with the first reasons and a summary by level, role and status.
public struct PlanTextWriter: PlanWriter {
  public static let identifier = "text"
  /// How many reason lines to show per friend.
  public var reasonLines: Int
  /// Show at most this many friends (the summary still counts all).
  public var limit: Int?
  public var style: TerminalStyle
  /// Level names from the scheme, for the group headings.
  public var levelNames: [Int: String]
  /// List only friends with these statuses (`--only`); the summary still counts all.
  public var statuses: Set<PlanStatus>

  public init(
    reasonLines: Int = 2, limit: Int? = nil, style: TerminalStyle = TerminalStyle(enabled: false),
    levelNames: [Int: String] = [:], statuses: Set<PlanStatus> = Set(PlanStatus.allCases)
  ) {
    self.statuses = statuses
    self.reasonLines = reasonLines
    self.limit = limit
    self.style = style
    self.levelNames = levelNames
  }

  static let order: [PlanStatus] = [.review, .change, .unchanged]
  static let titles: [PlanStatus: String] = [
    .review: "需复核 review", .change: "将修改 change", .unchanged: "不变 unchanged",
  ]
  static let roleTitles: [String: String] = ["K": "客户", "D": "代理", "C": "传播渠道"]

  public func render(_ document: PlanDocument) throws -> String {
    var out: [String] = []
    var budget = limit ?? Int.max
    var hidden = 0
    for status in Self.order where statuses.contains(status) {
      let entries = document.contacts.filter { $0.status == status }.sorted {
        ($0.level, $0.remark, $0.id) < ($1.level, $1.remark, $1.id)
      }
      guard !entries.isEmpty else { continue }
      let shown = Array(entries.prefix(max(0, budget)))
      hidden += entries.count - shown.count
      budget -= shown.count
      guard !shown.isEmpty else { continue }
      out.append(headline(status, count: entries.count))
      out += section(shown)
      out.append("")
    }
    if hidden > 0 {
      out.append(style.dim("… \(hidden) more not shown (--limit) / 另有 \(hidden) 位未显示"))
      out.append("")
    }
    out += summary(document)
    return out.joined(separator: "\n")
  }

  func headline(_ status: PlanStatus, count: Int) -> String {
    let text = "== \(Self.titles[status] ?? status.rawValue) (\(count)) =="
    switch status {
    case .review: return style.bold(style.yellow(text))
    case .change: return style.bold(style.green(text))
    case .unchanged: return style.bold(style.dim(text))
    }
  }

  /// One status group: a table aligned over all its rows, with a heading per level.
  func section(_ entries: [PlanEntry]) -> [String] {
    var rows = [["", "old 旧备注", "", "new 新备注", "tags 标签", "revisit 回访"]]
    for entry in entries {
      rows.append(
        [
          "\(entry.level)\(entry.role)",
          TerminalText.truncate(entry.currentName, to: 24),
          "→", entry.remark, TerminalText.truncate(entry.tags.joined(separator: ","), to: 40),
          entry.revisit ?? "-",
        ].map(TerminalText.printable))
    }
    let lines = TerminalText.tableLines(rows)
    var out = ["  " + style.dim(lines[0])]
    var level: Int?
    for (index, entry) in entries.enumerated() {
      if entry.level != level {
        level = entry.level
        let count = entries.count { $0.level == entry.level }
        let name = levelNames[entry.level].map { " \($0)" } ?? ""
        out.append(style.cyan("-- \(entry.level)类\(name) (\(count)) --"))
      }
      out.append("  " + lines[index + 1])
      for reason in entry.reasons.prefix(reasonLines) {
        out.append(style.dim("      · " + TerminalText.printable(reason.trimmingLeadingSpaces())))
      }
      if !entry.dropped.isEmpty {
        out.append(
          style.red("      dropped 丢弃: " + TerminalText.printable(entry.dropped.joined(separator: "、"))))
      }
    }
    return out
  }

  func summary(_ document: PlanDocument) -> [String] {
    let summary = document.summary
    var rows: [[String]] = []
    rows.append(["friends 好友", "\(summary.contacts) · excluded 排除 \(summary.excluded)"])
    rows.append([
      "status 状态",
      Self.order.map { status in "\(status.rawValue) \(document.contacts.count { $0.status == status })" }
        .joined(separator: " · "),
    ])
    rows.append([
      "level 级别", (1...6).map { "\($0)类 \(summary.byLevel[String($0)] ?? 0)" }.joined(separator: " · "),
    ])
    let roles = ["K", "D", "C"]
    var roleCells = roles.map { role in
      "\(role) \(Self.roleTitles[role] ?? "") \(document.contacts.count { $0.role == role })"
    }
    let other = document.contacts.count { !roles.contains($0.role) }
    if other > 0 { roleCells.append("other \(other)") }
    rows.append(["role 角色", roleCells.joined(separator: " · ")])
    return [style.bold("Summary 汇总")] + TerminalText.tableLines(rows).map { "  " + $0 }
  }
}

extension String {
  fileprivate func trimmingLeadingSpaces() -> String {
    String(drop { $0 == " " })
  }
}
