import BeizhuPlan

/// `--format text`: the dry-run preview, grouped by status then level, with the first reasons.
public struct PlanTextWriter: PlanWriter {
  public static let identifier = "text"
  /// How many reason lines to show per friend.
  public var reasonLines: Int

  public init(reasonLines: Int = 2) { self.reasonLines = reasonLines }

  public func render(_ document: PlanDocument) throws -> String {
    var out: [String] = []
    let order: [PlanStatus] = [.review, .change, .unchanged]
    let titles: [PlanStatus: String] = [
      .review: "需复核 review", .change: "将修改 change", .unchanged: "不变 unchanged",
    ]
    for status in order {
      let entries = document.contacts.filter { $0.status == status }.sorted {
        ($0.level, $0.id) < ($1.level, $1.id)
      }
      guard !entries.isEmpty else { continue }
      out.append("== \(titles[status] ?? status.rawValue) (\(entries.count)) ==")
      var rows = [["level", "old 旧备注", "", "new 新备注", "tags 标签", "revisit"]]
      for entry in entries {
        rows.append([
          "\(entry.level)\(entry.role)",
          TerminalText.truncate(entry.oldRemark.isEmpty ? entry.nickname : entry.oldRemark, to: 24),
          "→", entry.remark, TerminalText.truncate(entry.tags.joined(separator: ","), to: 40),
          entry.revisit ?? "-",
        ])
      }
      out.append(TerminalText.table(rows))
      for entry in entries {
        let shown = entry.reasons.prefix(reasonLines)
        guard !shown.isEmpty || !entry.dropped.isEmpty else { continue }
        out.append("  \(entry.remark) (\(entry.id))")
        for reason in shown { out.append("    \(reason.trimmingCharactersInSet())") }
        if !entry.dropped.isEmpty { out.append("    dropped 丢弃: \(entry.dropped.joined(separator: "、"))") }
      }
      out.append("")
    }
    let summary = document.summary
    let levels = (1...6).map { "\($0)类 \(summary.byLevel[String($0)] ?? 0)" }.joined(separator: "  ")
    out.append(
      "Friends 好友 \(summary.contacts) · excluded 排除 \(summary.excluded) · review 需复核 \(summary.review)")
    out.append(levels)
    return out.joined(separator: "\n")
  }
}

extension String {
  fileprivate func trimmingCharactersInSet() -> String {
    var text = Substring(self)
    while text.first == " " { text.removeFirst() }
    return String(text)
  }
}
