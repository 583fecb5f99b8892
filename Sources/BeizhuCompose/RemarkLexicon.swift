import BeizhuCore

/// Words that old remarks use, by meaning.
///
/// Kept small and explicit: a word here is read as that kind wherever it appears in a
/// remark, so only words that are never part of a name belong.
enum RemarkLexicon {
  static let relation: [String] = [
    "老客户介绍", "同事介绍", "朋友介绍", "客户介绍", "闺蜜介绍", "老师介绍", "转介绍", "介绍",
    "高中同学", "初中同学", "小学同学", "大学同学", "同学", "前同事", "老同事", "同事", "老乡",
    "朋友", "好友", "闺蜜", "邻居", "亲戚", "家人", "表姐", "表妹", "表哥", "表弟", "堂姐", "堂妹",
    "网友", "宝妈群", "群友", "校友", "战友",
  ]
  static let industry: [String] = [
    "健身房", "健身教练", "健身", "教练", "瑜伽", "IT", "程序员", "医生", "护士", "老师", "教师",
    "律师", "会计", "财务", "银行", "保险", "房产", "中介", "美容院", "美容师", "美甲", "美发",
    "理发", "餐饮", "服装", "外贸", "电商", "公务员", "设计师", "销售", "司机", "个体", "老板",
    "工厂", "装修", "学生", "宝妈", "全职妈妈", "白领", "金融", "互联网", "教育", "医院", "药店",
    "超市", "实体店", "HR", "CEO",
  ]
  static let status: [String] = [
    "老客户", "新客户", "回头客", "老顾客", "大客户", "重要客户", "潜在客户", "意向客户", "已购",
    "已下单", "已付款", "已成交", "未成交", "考虑中", "待回访", "待跟进", "回访", "跟进", "复购",
    "客户",
  ]
  static let intent: [String] = [
    "想做代理", "想拿货", "想加盟", "要代理", "有意向", "意向", "咨询", "想买", "代理",
  ]
  static let channel: [String] = ["网红", "博主", "达人", "推荐人", "团长", "主播", "KOL"]
  /// Tags that mark a friend who spreads the word.
  static let channelTags: Set<String> = Set(["传播渠道", "渠道"] + channel)
  static let vip: [String] = ["SVIP", "VVIP", "VIP", "贵宾", "重点客户"]

  /// Every word with its kind, longest first, for longest-match scanning.
  static let entries: [(word: [Character], kind: LegacyRemark.Kind)] = {
    var all: [(word: [Character], kind: LegacyRemark.Kind)] = []
    for word in relation { all.append((Array(word), .relation)) }
    for word in industry { all.append((Array(word), .industry)) }
    for word in status { all.append((Array(word), .status)) }
    for word in intent { all.append((Array(word), .intent)) }
    for word in channel { all.append((Array(word), .relation)) }
    for word in vip { all.append((Array(word), .vip)) }
    return all.sorted { $0.word.count > $1.word.count }
  }()

  /// The role a word points to.
  static func roleHint(for word: String) -> Role? {
    if channel.contains(word) { return .channel }
    if ["想做代理", "想拿货", "想加盟", "要代理", "代理"].contains(word) { return .agent }
    return nil
  }

  /// Letters Beizhu appends to tell friends apart: none of them reads as a grade (A–E), a role
  /// (K, D, C), an insurance class (Y, N, M, O), a VIP or WeChat mark (V), or a digit.
  static let disambiguatorLetters: [Character] = Array("FGHJLPQRSTUWXZ")
}
