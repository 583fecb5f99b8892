import BeizhuPlan
import Foundation

/// `--format csv`: one row per friend, for a spreadsheet (UTF-8 with BOM so Excel reads the
/// Chinese; formulas neutralized).
public struct PlanCSVWriter: PlanWriter {
  public static let identifier = "csv"
  public init() {}

  static let header = [
    "id", "alias", "nickname", "oldRemark", "remark", "oldTags", "tags", "description", "phones", "level",
    "role",
    "revisit", "interactions", "messagesFromFriend", "messagesFromMe", "productsDiscussed", "paid", "status",
    "reasons", "dropped",
  ]

  public func render(_ document: PlanDocument) throws -> String {
    var lines = ["\u{FEFF}" + Self.header.joined(separator: ",")]
    for entry in document.contacts {
      let cells = [
        entry.id, entry.alias, entry.nickname, entry.oldRemark, entry.remark,
        entry.oldTags.joined(separator: "|"),
        entry.tags.joined(separator: "|"), entry.description, entry.phones.joined(separator: "|"),
        String(entry.level),
        entry.role, entry.revisit ?? "", String(entry.interactions), String(entry.messagesFromFriend),
        String(entry.messagesFromMe), entry.productsDiscussed ? "yes" : "no", entry.paid ? "yes" : "no",
        entry.status.rawValue, entry.reasons.joined(separator: "\n"), entry.dropped.joined(separator: "|"),
      ]
      lines.append(cells.map(SpreadsheetCell.csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }
}
