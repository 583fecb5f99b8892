import BeizhuCore
import BeizhuPlan

/// `report.html`: one self-contained page (no network: inline CSS, SVG and script, and a
/// content security policy that forbids loading anything) with charts of levels, the funnel
/// from 6 to 1, roles, revisits per week and time since last contact, and a searchable,
/// filterable table. Every value shown is HTML-escaped.
public struct HTMLReportWriter: ExportWriter {
  /// Weeks of revisits charted one by one; later ones share a bar.
  public var weeks: Int

  public init(weeks: Int = 12) { self.weeks = weeks }

  public func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile] {
    [ExportFile(path: "report.html", contents: render(document, context: context))]
  }

  /// One bar of a chart: a stable key for tests and scripts, the label shown and the count.
  public struct Bar: Sendable, Equatable {
    public var key: String
    public var label: String
    public var value: Int
  }

  /// The numbers each chart shows, by chart id (`levels`, `funnel`, `roles`, `revisits`, `recency`).
  public func charts(_ document: PlanDocument, context: PlanContext) -> [(
    id: String, title: String, bars: [Bar]
  )] {
    let entries = document.contacts
    let levels = (1...6).map { level in
      Bar(
        key: String(level), label: "\(level)类 " + (context.levelNames[level] ?? ""),
        value: entries.count { $0.level == level })
    }
    // Stage k holds everyone who has come at least as far as level k (1 is furthest).
    let funnel = (1...6).reversed().map { level in
      Bar(key: String(level), label: "≤\(level)类", value: entries.count { $0.level <= level })
    }
    var roleKeys = ["K", "D", "C"]
    for entry in entries where !roleKeys.contains(entry.role) { roleKeys.append(entry.role) }
    let roleNames = ["K": "客户 customer", "D": "代理 agent", "C": "传播渠道 channel"]
    let roles = roleKeys.map { role in
      Bar(key: role, label: "\(role) \(roleNames[role] ?? "")", value: entries.count { $0.role == role })
    }
    var revisits: [Bar] = []
    if let today = Day(iso: document.today) {
      let offsets = entries.compactMap { $0.revisit.flatMap(Day.init(iso:)).map { today.days(until: $0) } }
      for week in 0..<weeks {
        let start = today.adding(days: week * 7)
        revisits.append(
          Bar(
            key: start.description, label: String(start.description.dropFirst(5)),
            value: offsets.count { $0 >= week * 7 && $0 < (week + 1) * 7 }))
      }
      revisits.append(Bar(key: "later", label: "later 以后", value: offsets.count { $0 >= weeks * 7 }))
    }
    let recency = Recency.allCases.map { bucket in
      Bar(
        key: bucket.rawValue, label: bucket.title,
        value: entries.count {
          Recency(lastContact: context.friend($0).lastContact, today: document.today) == bucket
        })
    }
    return [
      ("levels", "级别 Levels", levels), ("funnel", "漏斗 Funnel 6 → 1", funnel), ("roles", "角色 Roles", roles),
      ("revisits", "每周回访 Revisits per week", revisits), ("recency", "多久没聊 Since last talked", recency),
    ]
  }

  public func render(_ document: PlanDocument, context: PlanContext) -> String {
    var html: [String] = []
    html.append(
      """
      <!DOCTYPE html>
      <html lang="zh-CN">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>备注 Beizhu report \(Self.escape(document.today))</title>
      <style>\(Self.css)</style>
      </head>
      <body>
      <h1>备注计划 Beizhu plan · \(Self.escape(document.today)) · \(Self.escape(document.scheme))</h1>
      """)
    let summary = document.summary
    let counts = PlanStatus.allCases.map { status in (status, document.contacts.count { $0.status == status })
    }
    html.append("<dl id=\"totals\">")
    html.append(
      "<div><dt>好友 friends</dt><dd data-field=\"contacts\">\(summary.contacts)</dd></div>"
        + "<div><dt>排除 excluded</dt><dd data-field=\"excluded\">\(summary.excluded)</dd></div>")
    for (status, count) in counts {
      html.append("<div><dt>\(status.rawValue)</dt><dd data-field=\"\(status.rawValue)\">\(count)</dd></div>")
    }
    html.append("</dl>")
    html.append("<section id=\"charts\">")
    for chart in charts(document, context: context) {
      html.append(
        Self.chart(id: chart.id, title: chart.title, bars: chart.bars, centered: chart.id == "funnel"))
    }
    html.append("</section>")
    html.append(table(document, context: context))
    html.append("<script>\(Self.script)</script>")
    html.append("</body>\n</html>\n")
    return html.joined(separator: "\n")
  }

  func table(_ document: PlanDocument, context: PlanContext) -> String {
    var out: [String] = []
    out.append(
      """
      <section id="friends">
      <h2>好友 Friends <span id="shown-count">\(document.contacts.count) / \(document.contacts.count)</span></h2>
      <div class="filters">
      <input id="search" type="search" placeholder="搜索 search name, remark, tag…" autocomplete="off">
      <select id="filter-status"><option value="">all statuses</option>
      """)
    for status in PlanStatus.allCases {
      out.append("<option value=\"\(status.rawValue)\">\(status.rawValue)</option>")
    }
    out.append("</select>\n<select id=\"filter-level\"><option value=\"\">all levels</option>")
    for level in 1...6 { out.append("<option value=\"\(level)\">\(level)类</option>") }
    out.append(
      """
      </select>
      </div>
      <table id="plan-table">
      <thead><tr><th>状态 status</th><th>级别 level</th><th>当前名称 now</th><th>新备注 new</th><th>标签 tags</th><th>回访 revisit</th><th>最后联系 last</th><th>理由 why</th></tr></thead>
      <tbody>
      """)
    for entry in context.contactListOrder(document.contacts) {
      let friend = context.friend(entry)
      let cells = [
        entry.status.rawValue, "\(entry.level)\(entry.role)", entry.currentName, entry.remark,
        entry.tags.joined(separator: ", "), entry.revisit ?? "", friend.lastContact ?? "",
        (entry.reasons + entry.dropped.map { "dropped: \($0)" }).joined(separator: "\n"),
      ].map { "<td>\(Self.escape($0))</td>" }.joined()
      out.append(
        "<tr data-id=\"\(Self.escape(entry.id))\" data-status=\"\(entry.status.rawValue)\" data-level=\"\(entry.level)\" data-role=\"\(Self.escape(entry.role))\">\(cells)</tr>"
      )
    }
    out.append("</tbody>\n</table>\n</section>")
    return out.joined(separator: "\n")
  }

  /// A horizontal bar chart; `centered` draws the funnel.
  static func chart(id: String, title: String, bars: [Bar], centered: Bool) -> String {
    let rowHeight = 22
    let labelWidth = 180
    let barSpace = 220
    let width = labelWidth + barSpace + 50
    let height = bars.count * rowHeight + 8
    let maximum = max(1, bars.map(\.value).max() ?? 1)
    var out = [
      "<figure class=\"chart\" id=\"chart-\(id)\" data-chart=\"\(id)\">",
      "<figcaption>\(escape(title))</figcaption>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(escape(title))\">",
    ]
    for (index, bar) in bars.enumerated() {
      let y = 4 + index * rowHeight
      let length = bar.value == 0 ? 0 : max(2, bar.value * barSpace / maximum)
      let x = centered ? labelWidth + (barSpace - length) / 2 : labelWidth
      out.append(
        "<g class=\"bar\" data-key=\"\(escape(bar.key))\" data-value=\"\(bar.value)\">"
          + "<title>\(escape(bar.label)): \(bar.value)</title>"
          + "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(short(bar.label)))</text>"
          + "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" rx=\"3\"></rect>"
          + "<text class=\"value\" x=\"\(centered ? labelWidth + barSpace + 6 : x + length + 6)\" y=\"\(y + 15)\">\(bar.value)</text></g>"
      )
    }
    out.append("</svg>\n</figure>")
    return out.joined(separator: "\n")
  }

  /// Long level names are cut in the chart; the bar's tooltip has them whole.
  static func short(_ label: String) -> String {
    label.count > 17 ? String(label.prefix(16)) + "…" : label
  }

  /// Escapes text for HTML element content and quoted attribute values alike.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static let css = """
    body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:24px;color:#222;background:#fafafa}
    h1{font-size:20px}h2{font-size:17px}
    #totals{display:flex;gap:16px;flex-wrap:wrap;margin:0 0 16px}
    #totals div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px}
    #totals dt{font-size:12px;color:#666}#totals dd{margin:0;font-size:22px;font-weight:600}
    #charts{display:flex;flex-wrap:wrap;gap:16px}
    .chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px;margin:0}
    .chart figcaption{font-weight:600;margin-bottom:4px}
    .chart rect{fill:#3b82f6}#chart-funnel rect{fill:#10b981}#chart-recency rect{fill:#f59e0b}
    .chart text{font-size:12px;fill:#333}
    .filters{display:flex;gap:8px;margin:8px 0}
    .filters input{flex:1;max-width:360px;padding:4px 8px}
    table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
    th,td{border:1px solid #e2e2e2;padding:4px 6px;text-align:left;vertical-align:top}
    td:last-child{white-space:pre-line;color:#555;max-width:420px}
    tr[data-status=review] td:first-child{color:#b45309;font-weight:600}
    tr[data-status=change] td:first-child{color:#047857}
    tr.hidden{display:none}
    """

  static let script = """
    (function(){
      var rows=Array.prototype.slice.call(document.querySelectorAll('#plan-table tbody tr'));
      var search=document.getElementById('search');
      var status=document.getElementById('filter-status');
      var level=document.getElementById('filter-level');
      var shown=document.getElementById('shown-count');
      function update(){
        var q=search.value.trim().toLowerCase(),s=status.value,l=level.value,n=0;
        rows.forEach(function(r){
          var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!s||r.dataset.status===s)&&(!l||r.dataset.level===l);
          r.classList.toggle('hidden',!ok);if(ok)n++;
        });
        shown.textContent=n+' / '+rows.length;
      }
      search.addEventListener('input',update);status.addEventListener('change',update);level.addEventListener('change',update);
      update();
      document.body.setAttribute('data-ready','1');
    })();
    """
}
