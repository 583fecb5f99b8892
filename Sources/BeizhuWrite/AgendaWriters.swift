import BeizhuCore
import BeizhuPlan

/// Revisits in date order, with each level's next action.
enum Agenda {
  struct Item {
    var date: Day
    var entry: PlanEntry
    var action: String
  }

  static func items(_ document: PlanDocument, context: PlanContext) -> [Item] {
    document.contacts.compactMap { entry -> Item? in
      guard let date = entry.revisit.flatMap(Day.init(iso:)) else { return nil }
      return Item(date: date, entry: entry, action: context.nextActions[entry.level] ?? "")
    }.sorted { ($0.date, $0.entry.remark, $0.entry.id) < ($1.date, $1.entry.remark, $1.entry.id) }
  }
}

/// `agenda.csv`: one row per planned revisit.
public struct AgendaCSVWriter: ExportWriter {
  public init() {}

  static let header = ["date 日期", "remark 备注", "level 级别", "role 角色", "next 下一步", "id"]

  public func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile] {
    let rows = Agenda.items(document, context: context).map { item in
      [
        item.date.description, item.entry.remark, String(item.entry.level), item.entry.role, item.action,
        item.entry.id,
      ]
    }
    return [ExportFile(path: "agenda.csv", contents: SpreadsheetCSV.render(header: Self.header, rows: rows))]
  }
}

/// `agenda.ics`: the revisits as all-day events (RFC 5545: CRLF, escaped text, folded lines,
/// a stable UID and a DTSTAMP pinned to the plan's day, so the same plan gives the same bytes).
public struct AgendaICSWriter: ExportWriter {
  public init() {}

  public func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile] {
    let stamp = (Day(iso: document.today)?.compact ?? "19700101") + "T000000Z"
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Beizhu//beizhu export//ZH", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
    ]
    for item in Agenda.items(document, context: context) {
      let summary = "回访 \(item.entry.remark)" + (item.action.isEmpty ? "" : "：\(item.action)")
      var description = "\(item.entry.level)类 \(item.entry.role) · \(item.entry.nickname) (\(item.entry.id))"
      if let reason = item.entry.reasons.first { description += "\n" + reason }
      lines += [
        "BEGIN:VEVENT",
        "UID:\(Self.escape(item.entry.id))-\(item.date.compact)@beizhu",
        "DTSTAMP:\(stamp)",
        "DTSTART;VALUE=DATE:\(item.date.compact)",
        "DTEND;VALUE=DATE:\(item.date.adding(days: 1).compact)",
        "SUMMARY:\(Self.escape(summary))",
        "DESCRIPTION:\(Self.escape(description))",
        "CATEGORIES:\(Self.escape("\(item.entry.level)类"))",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return [ExportFile(path: "agenda.ics", contents: lines.map(Self.fold).joined(separator: "\r\n") + "\r\n")]
  }

  /// TEXT escaping: backslash, semicolon, comma and line breaks.
  public static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n", "\r\n", "\r": out += "\\n"
      default: out.append(character)
      }
    }
    return out
  }

  /// Folds a content line at 75 octets without splitting a UTF-8 character.
  public static func fold(_ line: String) -> String {
    var parts: [String] = []
    var current = ""
    var octets = 0
    for character in line {
      let size = String(character).utf8.count
      let limit = parts.isEmpty ? 75 : 74
      if octets + size > limit {
        parts.append(current)
        current = ""
        octets = 0
      }
      current.append(character)
      octets += size
    }
    parts.append(current)
    return parts.joined(separator: "\r\n ")
  }
}

extension Day {
  /// `YYYYMMDD`, iCalendar's DATE form.
  var compact: String { description.filter { $0 != "-" } }
}
