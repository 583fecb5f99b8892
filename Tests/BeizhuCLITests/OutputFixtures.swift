import BeizhuCompose
import BeizhuPlan
import BeizhuWrite

/// A hand-made plan for the writers' golden files: Chinese and emoji names, every status, all
/// roles, values over WeCom's limits, and nicknames that try formula and script injection.
enum OutputFixtures {
  static let hyperlink = "=HYPERLINK(\"http://evil.example\",\"点我\")"
  static let script = "<script>alert(1)</script>"
  static let imageBreakout = "\"><img src=x onerror=alert(2)>"

  static func entry(
    _ id: String, nickname: String, oldRemark: String = "", remark: String, oldTags: [String] = [],
    tags: [String], description: String = "", phones: [String] = [], level: Int, role: String = "K",
    revisit: String?, review: Bool = false, reasons: [String] = [], dropped: [String] = []
  ) -> PlanEntry {
    PlanEntry(
      id: id, alias: "", nickname: nickname, oldRemark: oldRemark, remark: remark, oldTags: oldTags,
      tags: tags,
      description: description, phones: phones, level: level, role: role, revisit: revisit,
      interactions: level,
      messagesFromFriend: 7 - level, messagesFromMe: 3, productsDiscussed: level <= 3, paid: level == 1,
      needsReview: review, reasons: reasons, dropped: dropped)
  }

  static let document: PlanDocument = {
    let entries = [
      entry(
        "wxid_wang", nickname: "王丽🌸", oldRemark: "王姐,老客户", remark: "1K王姐811", oldTags: ["老客户"],
        tags: ["1类", "客户", "意向:面膜", "老客户"], description: "上海市浦东新区世纪大道 100 号",
        phones: ["13800138000"], level: 1, revisit: "2025-01-20",
        reasons: ["1类（已成交）：已付款：是", "已付款：2025-01-02 10:00 好友转账 ￥99.00"]),
      entry(
        "wxid_amy", nickname: "Amy", remark: "2DAmy203", tags: ["2类", "代理"], level: 2, role: "D",
        revisit: "2025-02-03", reasons: ["代理：2024-12-01 09:00 好友说“拿货”"]),
      entry(
        "wxid_evil1", nickname: hyperlink, remark: "3K" + hyperlink, tags: ["3类", script],
        description: String(repeating: "长", count: 160), level: 3, revisit: "2025-01-16", review: true,
        reasons: ["a;b,c\\d", imageBreakout], dropped: ["@SUM(1+1)（无处安放）"]),
      entry(
        "wxid_evil2", nickname: imageBreakout, oldRemark: "@SUM(1+1)", remark: "4C<b>x</b>",
        tags: ["4类", "传播渠道", "标签名字非常非常长长长长长长长长长长长长长长长长长长长长长长长"], level: 4, role: "C",
        revisit: nil),
      entry(
        "wxid_plain", nickname: "小美", oldRemark: "6K小美115", remark: "6K小美115", oldTags: ["6类", "客户"],
        tags: ["6类", "客户"], level: 6, revisit: "2025-01-15"),
      entry(
        "wxid_silent", nickname: "李雷", remark: "5K李雷601", tags: ["5类", "客户"], level: 5, revisit: "2025-06-01"),
    ]
    return PlanDocument(scheme: "weishang", today: "2025-01-15", contacts: entries, excluded: 2)
  }()

  static let lastContacts: [String: String] = [
    "wxid_wang": "2025-01-10", "wxid_amy": "2024-10-01", "wxid_evil1": "2024-03-01",
    "wxid_plain": "2024-12-20",
  ]

  static let context: PlanContext = {
    var friends: [String: FriendContext] = [:]
    for entry in document.contacts {
      friends[entry.id] = FriendContext(
        section: ContactSortKey.section(for: entry.currentName),
        sortKey: ContactSortKey.sortKey(for: entry.currentName),
        lastContact: lastContacts[entry.id], oldDescription: entry.id == "wxid_wang" ? "老地址" : "")
    }
    return PlanContext(
      friends: friends,
      levelNames: [1: "已成交", 2: "想买", 3: "有疑虑", 4: "有互动", 5: "不信任微商", 6: "从未互动"],
      nextActions: [1: "提醒复购", 2: "促销推动", 3: "解决疑虑", 4: "多互动", 5: "多互动", 6: "多互动"])
  }()

  /// Every export file, tag lists joined into one text so one golden covers them.
  static func files() throws -> [String: String] {
    var files: [String: String] = [:]
    for file in try ReentryExport(wecom: WeComWriter(userID: "seller01")).files(document, context: context) {
      files[file.path] = file.contents
    }
    return files
  }
}
